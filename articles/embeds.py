"""The providers a story may embed from, and the one function that reads a link into what the page shows.

Pure: no Django, no network. A writer pastes the address of a video, a post or a track; `parse` either names its
provider and the player's address, or refuses the link with a sentence the admin shows under the field. The page
shows a plain link until the reader asks for the player (static/js/embeds.js), and the site's Content-Security-Policy
lets frames come from `FRAME_ORIGINS` only, read from the same list.
"""

import dataclasses
import re
from collections.abc import Callable
from urllib.parse import SplitResult, parse_qs, quote, urlsplit


class Refused(ValueError):
    """A link no listed provider plays; the message says why, in words for the writer."""


@dataclasses.dataclass(frozen=True)
class Provider:
    name: str
    # What the reader loads: "video", "post" or "audio" ("Load the video from YouTube").
    media: str
    # Where the player comes from once the reader asks for it: the only origins the page's CSP lets it frame.
    frame_origins: tuple[str, ...]
    hosts: frozenset[str]
    read: Callable[[SplitResult], "Embed | None"] = dataclasses.field(repr=False, compare=False)


@dataclasses.dataclass(frozen=True)
class Embed:
    provider: Provider
    # The provider's own page of the thing (what the card links to) and the player's address (what the button loads);
    # the player is empty where the provider has none to frame without asking it first (a Bluesky handle).
    url: str
    player: str = ""


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_DIGITS = re.compile(r"[0-9]{1,20}")
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
_USER = re.compile(r"[A-Za-z0-9_]{1,50}")
_BLUESKY_ACTOR = re.compile(r"did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.-]{1,253})|[a-z0-9][a-z0-9.-]{0,252}\.[a-z]{2,63}", re.I)
_BLUESKY_RKEY = re.compile(r"[a-z2-7]{13}")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
# Paths of soundcloud.com that are pages of the site, not an artist's.
_SOUNDCLOUD_RESERVED = frozenset({"discover", "search", "stream", "upload", "you", "charts", "pages", "terms-of-use"})


def _segments(parts: SplitResult) -> list[str]:
    return [segment for segment in parts.path.split("/") if segment]


def _youtube(parts: SplitResult) -> "Embed | None":
    segments = _segments(parts)
    video = ""
    if parts.hostname == "youtu.be" and len(segments) == 1:
        video = segments[0]
    elif segments == ["watch"]:
        video = (parse_qs(parts.query).get("v") or [""])[0]
    elif len(segments) == 2 and segments[0] in {"shorts", "embed", "live"}:
        video = segments[1]
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    # youtube-nocookie.com: YouTube's player that sets no cookie until the reader plays the video.
    return Embed(YOUTUBE, f"https://www.youtube.com/watch?v={video}", f"https://www.youtube-nocookie.com/embed/{video}")


def _vimeo(parts: SplitResult) -> "Embed | None":
    segments = _segments(parts)
    if parts.hostname == "player.vimeo.com" and segments[:1] == ["video"]:
        segments = segments[1:]
        hash_ = (parse_qs(parts.query).get("h") or [""])[0]
        segments += [hash_] if hash_ else []
    if not segments or not _DIGITS.fullmatch(segments[0]) or len(segments) > 2:
        return None
    video, hash_ = segments[0], (segments[1] if len(segments) == 2 else "")
    if hash_ and not _VIMEO_HASH.fullmatch(hash_):
        return None
    # dnt=1: Vimeo's player then tracks no session of the reader.
    return Embed(
        VIMEO, f"https://vimeo.com/{video}" + (f"/{hash_}" if hash_ else ""),
        f"https://player.vimeo.com/video/{video}?dnt=1" + (f"&h={hash_}" if hash_ else ""),
    )


def _soundcloud(parts: SplitResult) -> "Embed | None":
    segments = _segments(parts)
    is_set = len(segments) == 3 and segments[1] == "sets"
    if not (len(segments) == 2 or is_set) or segments[0].lower() in _SOUNDCLOUD_RESERVED:
        return None
    if not all(_SLUG.fullmatch(segment) for segment in segments):
        return None
    url = "https://soundcloud.com/" + "/".join(segments)
    return Embed(SOUNDCLOUD, url, "https://w.soundcloud.com/player/?url=" + quote(url, safe="") + "&visual=false")


def _bluesky(parts: SplitResult) -> "Embed | None":
    segments = _segments(parts)
    if len(segments) != 4 or segments[0] != "profile" or segments[2] != "post":
        return None
    actor, post = segments[1], segments[3]
    if not (_BLUESKY_ACTOR.fullmatch(actor) and _BLUESKY_RKEY.fullmatch(post)):
        return None
    url = f"https://bsky.app/profile/{actor}/post/{post}"
    # Bluesky's player names the account by its DID; a handle would have to be looked up with Bluesky first.
    player = f"https://embed.bsky.app/embed/{actor}/app.bsky.feed.post/{post}" if actor.startswith("did:") else ""
    return Embed(BLUESKY, url, player)


def _x(parts: SplitResult) -> "Embed | None":
    segments = _segments(parts)
    if len(segments) != 3 or segments[1] != "status" or not _USER.fullmatch(segments[0]):
        return None
    if not _DIGITS.fullmatch(segments[2]):
        return None
    # dnt=true: X is asked not to use the visit to personalise anything.
    return Embed(
        X, f"https://x.com/{segments[0]}/status/{segments[2]}",
        f"https://platform.twitter.com/embed/Tweet.html?id={segments[2]}&dnt=true",
    )


def _mastodon(parts: SplitResult) -> "Embed | None":
    segments = _segments(parts)
    if len(segments) != 2 or not segments[0].startswith("@") or not _USER.fullmatch(segments[0][1:]):
        return None
    if not _DIGITS.fullmatch(segments[1]):
        return None
    url = f"https://{parts.hostname}/{segments[0]}/{segments[1]}"
    return Embed(MASTODON, url, url + "/embed")


YOUTUBE = Provider(
    "YouTube", "video", ("https://www.youtube-nocookie.com",),
    frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}), _youtube,
)
VIMEO = Provider(
    "Vimeo", "video", ("https://player.vimeo.com",), frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}), _vimeo,
)
SOUNDCLOUD = Provider(
    "SoundCloud", "audio", ("https://w.soundcloud.com",), frozenset({"soundcloud.com", "www.soundcloud.com", "m.soundcloud.com"}),
    _soundcloud,
)
BLUESKY = Provider("Bluesky", "post", ("https://embed.bsky.app",), frozenset({"bsky.app"}), _bluesky)
X = Provider(
    "X", "post", ("https://platform.twitter.com",),
    frozenset({"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com", "mobile.x.com"}), _x,
)
# Mastodon is many servers; these are the ones a post may come from (each one is its own player's origin).
MASTODON_SERVERS = ("mastodon.social", "mastodon.online")
MASTODON = Provider(
    "Mastodon", "post", tuple(f"https://{server}" for server in MASTODON_SERVERS), frozenset(MASTODON_SERVERS),
    _mastodon,
)

PROVIDERS: tuple[Provider, ...] = (YOUTUBE, VIMEO, SOUNDCLOUD, BLUESKY, X, MASTODON)
# What the page's Content-Security-Policy allows in frame-src, and nothing else.
FRAME_ORIGINS: tuple[str, ...] = tuple(origin for provider in PROVIDERS for origin in provider.frame_origins)
MAX_LENGTH = 500


def provider_names() -> str:
    """The providers as a writer reads them in a help text: “YouTube, Vimeo, … or Mastodon”."""
    names = [provider.name for provider in PROVIDERS]
    return ", ".join(names[:-1]) + " or " + names[-1]


def parse(link: str) -> Embed:
    """The provider and player of a pasted link, or `Refused` with the reason, for any link but a listed provider's."""
    link = (link or "").strip()
    if not link:
        raise Refused("Paste the link of the video, post or track to embed.")
    if len(link) > MAX_LENGTH:
        raise Refused(f"This link is longer than {MAX_LENGTH} characters: copy the short link the provider offers.")
    if any(char.isspace() or ord(char) < 32 for char in link):
        raise Refused("A link has no spaces or line breaks in it: copy it again from the address bar.")
    try:
        parts = urlsplit(link)
        hostname = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        raise Refused("This is not a web address we can read: copy it again from the address bar.") from None
    if parts.scheme.lower() not in {"http", "https"}:
        raise Refused("Only web addresses (starting with https://) can be embedded.")
    if parts.username or parts.password or parts.port:
        raise Refused("Paste the provider's ordinary link, without a user name or port in it.")
    provider = next((p for p in PROVIDERS if hostname in p.hosts), None)
    if provider is None:
        raise Refused(f"Only links to {provider_names()} can be embedded; “{hostname or link}” is not one of them.")
    embed = provider.read(parts._replace(netloc=hostname))
    if embed is None:
        raise Refused(
            f"This {provider.name} link does not point at one {provider.media}: open the {provider.media} itself and "
            "copy the link from the address bar or its Share button."
        )
    return embed
