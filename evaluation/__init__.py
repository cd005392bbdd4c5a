"""Evaluation commands: score the library against gold data that lives outside the repo."""
