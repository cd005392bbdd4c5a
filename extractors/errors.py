"""Named exceptions of the extraction library (codes E1xx-E4xx).

They derive from the project's one root, :class:`claimlink.errors.ClaimlinkError`, which
lists the code families.
"""

from __future__ import annotations

from claimlink.errors import ClaimlinkError

__all__ = ["ArticleError", "BadCharset", "BadContent", "BlockedURL", "ClaimlinkError", "ConnectFailed", "Deferred", "FeedError",
           "FetchError", "FetchTimeout", "HTTPStatusError", "ModelNotFound", "NotAnArticle", "NotEnglish",
           "RobotsDisallowed", "TooLarge", "TooManyRedirects"]


class FetchError(ClaimlinkError):
    """A URL could not be fetched. ``transient`` errors are worth retrying later."""

    code = "E100"
    transient = True


class BlockedURL(FetchError):
    """The URL points at a private, loopback or link-local address that is not allow-listed."""

    code = "E101"
    transient = False


class RobotsDisallowed(FetchError):
    """robots.txt of the host disallows this URL for our user agent."""

    code = "E102"
    transient = False


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    code = "E103"

    def __init__(self, message: str = "", *, url: str | None = None, status: int = 0,
                 retry_after: float | None = None):
        super().__init__(message, url=url)
        self.status = status
        self.retry_after = retry_after
        # 4xx other than 408/429 will not change by asking again.
        self.transient = status >= 500 or status in (408, 429)


class TooLarge(FetchError):
    """The body exceeded the size cap."""

    code = "E104"
    transient = False


class FetchTimeout(FetchError):
    """The response did not complete within the time cap."""

    code = "E105"


class TooManyRedirects(FetchError):
    """The redirect chain exceeded the limit or looped."""

    code = "E106"
    transient = False


class BadContent(FetchError):
    """The body is not what was asked for: wrong content type, binary data, undecodable text."""

    code = "E107"
    transient = False


class BadCharset(BadContent):
    """The page declares a charset that is not a text encoding (``undefined``, ``punycode``)."""

    code = "E109"


class Deferred(FetchError):
    """Left for the next run: the host's Crawl-delay is over the cap, or the source's time
    budget for this run is spent. Not a failure of the URL."""

    code = "E110"


class ConnectFailed(FetchError):
    """The host could not be reached (DNS failure, refused connection, reset)."""

    code = "E108"


class FeedError(ClaimlinkError):
    """A feed, sitemap or URL list could not be parsed."""

    code = "E200"


class ArticleError(ClaimlinkError):
    """An HTML page could not be turned into an article."""

    code = "E300"


class NotAnArticle(ArticleError):
    """The page has no main text worth keeping (index page, error page, too short)."""

    code = "E301"


class NotEnglish(ArticleError):
    """The article is in a language the claim extractor does not handle."""

    code = "E302"


class ModelNotFound(ClaimlinkError):
    """No spaCy pipeline could be loaded."""

    code = "E400"
