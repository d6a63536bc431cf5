"""A fuzzer for the whole site: endpoints come from the URLconf, fields and parameters from the pages themselves.

Nothing here names a view or a form. The URLconf is walked (the admin included), the site is crawled as a
reader and as a superuser to learn real addresses, every form's fields and every link's query parameters, and
then each endpoint gets hostile requests drawn by hypothesis: GET and POST, as every role. A view or a field
added tomorrow is fuzzed tomorrow.
"""

import logging
import re
import traceback
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, quote_plus, unquote, urljoin, urlsplit

from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SHARED = Path(__file__).resolve().parents[2] / "shared"
XSS_PAYLOADS = SHARED / "data" / "xss" / "xss_payloads_core.txt"

# Django's own placeholder syntax for path() routes: <converter:name> or <name>.
PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")

# Parameters that Django and its admin read from any page without a link or a form naming them.
GENERIC_PARAMS = [
    "page", "q", "p", "o", "e", "all", "next", "_popup", "_to_field", "_changelist_filters",
    "app_label", "model_name", "field_name", "term",
]

# Values that broke web applications before: numbers Python and databases disagree on, unicode that
# looks like digits or hides itself, bytes that are not UTF-8, template and SQL syntax, dates that do not exist.
HOSTILE = [
    "", " ", "0", "-1", "1", "2", "²", "١٢٣", "𝟗", "½", "Ⅻ", "٣", "1e3", "1.5", "0x1f", "+1", " 7 ", "NaN",
    "Infinity", "9" * 19, "18446744073709551616", "9" * 300, "-9223372036854775809", "1_000",
    "\x00", "a\x00b", "\ud800", "x\udfff", "\ufeff", "\u202eevil\u202c", "\u200b\u200b", "\u2028", "\r\n", "\t",
    "'", '"', "\\", "%", "%00", "%%", "_", "?", "#", "&", ";", "=", "../../etc/passwd", "..", ".", "/", "//x",
    "<script>alert(1)</script>", "{{ 7*7 }}", "{% debug %}", "${7*7}", "' OR 1=1 --", "null", "true", "[]", "{}",
    "a@b", "@", "x@example.com\r\nBcc: y@example.com", "x" * 5000, "é" * 1000, "日本", "Zürich", "São Paulo", ">",
    "🙂" * 50, "2026-02-30", "0000-00-00", "9999-12-31T23:59", "2026-01-01T25:61", "1970-01-01 00:00",
    "-1 day", "on", "off", "None",
]

# Numbers that Python, Django and the database read differently: str.isdigit() accepts "²", int() refuses it.
NUMERIC_TRAPS = ["²", "١٢٣", "𝟗", "½", "Ⅻ", "٣", "1e3", "1.5", "-1", "0", "+1", " 7 ", "1_000", "0x1f", "9" * 19,
                 "18446744073709551616", "9" * 300, "-9223372036854775809", "NaN", "Infinity", ""]

ROLES = ["anonymous", "writer", "editor", "moderator", "superuser"]


def encoded(text: str) -> bytes:
    """The bytes a client would send; lone surrogates become the invalid UTF-8 a real attacker can send."""
    return text.encode("utf-8", "surrogatepass")


def xss_payloads() -> list[str]:
    """The public XSS list when it sits beside the checkout; the fuzz runs without it in a fresh clone."""
    if not XSS_PAYLOADS.is_file():
        return []
    return [line for line in XSS_PAYLOADS.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]


@contextmanager
def quiet_logs():
    """Thousands of 404s and the known errors would each log a traceback, keeping every request alive in memory."""
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


# --- The URLconf ---------------------------------------------------------------------------------------------


@dataclass
class Endpoint:
    """One URL pattern, with what the crawl learnt about it."""

    key: str
    name: str
    chain: list
    examples: list[str] = field(default_factory=list)
    query: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    forms: list["Form"] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name or self.key


def _join_route(route1: str, route2: str) -> str:
    """The route string Django's resolver reports for a nested pattern (see URLResolver._join_route)."""
    if not route1:
        return route2
    return route1 + route2.removeprefix("^")


def endpoints(urlconf=None) -> dict[str, Endpoint]:
    """Every URL pattern of the site, nested resolvers (the admin's and every app's) walked to their leaves."""
    found: dict[str, Endpoint] = {}

    def walk(patterns, chain, route, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                    pattern.namespace or namespace
                )
                walk(pattern.url_patterns, [*chain, pattern.pattern], _join_route(route, str(pattern.pattern)), inner)
            elif isinstance(pattern, URLPattern):
                key = _join_route(route, str(pattern.pattern))
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
                found.setdefault(key, Endpoint(key=key, name=name, chain=[*chain, pattern.pattern]))

    walk(get_resolver(urlconf).url_patterns, [], "", "")
    return found


# --- Reading pages ---------------------------------------------------------------------------------------------


@dataclass
class Form:
    """A form as a browser sees it: what it sends untouched, what else each field could take, its buttons."""

    method: str
    action: str
    defaults: list[tuple[str, str]] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    buttons: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    button_actions: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return sorted({name for name, _value in self.defaults} | set(self.choices) | set(self.files))

    def signature(self) -> tuple:
        return self.method, tuple(self.names), tuple(name for name, _value in self.buttons)


class PageReader(HTMLParser):
    """Links and forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._selected: list[str] = []
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag in {"a", "link"} and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form":
            self._form = Form(method=(attrs.get("method") or "get").upper(), action=attrs.get("action", ""))
            self.forms.append(self._form)
            return
        form, name = self._form, attrs.get("name")
        if form is None or not name:
            return
        kind = attrs.get("type", "text" if tag == "input" else "submit").lower()
        if tag == "input" and kind in {"submit", "image"} or tag == "button" and kind == "submit":
            form.buttons.append((name, attrs.get("value", "")))
            if attrs.get("formaction") and attrs["formaction"] not in form.button_actions:
                form.button_actions.append(attrs["formaction"])
        elif tag == "input" and kind == "file":
            form.files.append(name)
        elif tag == "input" and kind in {"checkbox", "radio"}:
            form.choices[name].append(attrs.get("value", "on"))
            if "checked" in attrs:
                form.defaults.append((name, attrs.get("value", "on")))
        elif tag == "input" and kind != "button":
            form.defaults.append((name, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            form.defaults.append((name, ""))
        elif tag == "select":
            self._select, self._selected, self._first_option = name, [], None
            form.choices[name]
        if tag == "option" and self._select is not None and form is not None:
            value = attrs.get("value", "")
            form.choices[self._select].append(value)
            self._first_option = value if self._first_option is None else self._first_option
            if "selected" in attrs:
                self._selected.append(value)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            name, value = self._form.defaults[-1]
            self._form.defaults[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._selected or ([self._first_option] if self._first_option is not None else [])
            self._form.defaults.extend((self._select, value) for value in chosen)
            self._select = None


# --- Requests ---------------------------------------------------------------------------------------------


@dataclass
class Request:
    """One request the fuzzer sends; its repr is the reproduction recipe hypothesis prints."""

    role: str
    method: str
    path: str
    query: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: list[tuple[str, bytes]] = field(default_factory=list)
    multipart: bool = False
    files: list[tuple[str, str, bytes]] = field(default_factory=list)
    stored: str | None = None

    def url(self) -> str:
        if not self.query:
            return self.path
        return self.path + "?" + "&".join(f"{quote_plus(name)}={quote_plus(value)}" for name, value in self.query)

    def send(self, client: Client):
        if self.method == "GET":
            return client.get(self.url())
        if self.multipart:
            data: dict[str, list] = defaultdict(list)
            for name, value in self.body:
                data[name].append(value)
            for name, filename, content in self.files:
                data[name].append(SimpleUploadedFile(filename, content))
            return client.post(self.url(), data=dict(data))
        payload = "&".join(f"{quote_plus(name)}={quote_plus(value)}" for name, value in self.body)
        return client.post(self.url(), data=payload, content_type="application/x-www-form-urlencoded")


@dataclass
class KnownFailure:
    """A server error already being fixed elsewhere: recognised by its exception and the code that raises it."""

    reason: str
    exception: type
    message: str
    where: str

    def matches(self, error: BaseException) -> bool:
        trace = "".join(traceback.format_exception(error))
        return isinstance(error, self.exception) and re.search(self.message, str(error)) and self.where in trace


@dataclass
class Report:
    endpoints: int = 0
    requests: int = 0
    reached: set = field(default_factory=set)
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[tuple[str, BaseException]] = field(default_factory=list)
    known: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def describe_failures(self) -> str:
        """Each failing endpoint with its smallest request and the end of the traceback that request caused."""
        described = []
        for where, failure in self.failures:
            errors = failure.exceptions if isinstance(failure, BaseExceptionGroup) else [failure]
            for error in errors:
                cause = error.__cause__ or error
                frames = traceback.extract_tb(cause.__traceback__)
                # The site's own frames say where to look; the last frame says what broke.
                own = [frame for frame in frames[:-1] if "site-packages" not in frame.filename][-4:]
                trace = "".join(traceback.format_list([*own, *frames[-1:]])) + f"{type(cause).__name__}: {cause}"
                described.append(f"{where}: {error}\n{trace}")
        return "\n\n".join(described)

    def summary(self) -> str:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(self.statuses.items()))
        known = "; ".join(f"{reason} ×{count}" for reason, count in self.known.items()) or "none"
        return (
            f"fuzz: {self.endpoints} endpoints ({len(self.reached)} reached with real addresses), "
            f"{self.requests} requests [{statuses}], {len(self.failures)} failing endpoints, known failures hit: {known}"
        )


class SiteFuzzer:
    """Crawl the site, then fuzz every endpoint of the URLconf with hypothesis."""

    def __init__(self, *, sessions: dict[str, str | None], seeds: list[str] = (), known: list[KnownFailure] = (),
                 urlconf=None, stored_hostility=None):
        from django.conf import settings as django_settings

        self.session_cookie = django_settings.SESSION_COOKIE_NAME
        self.sessions = sessions
        self.seeds = list(seeds)
        self.known = list(known)
        self.urlconf = urlconf
        self.stored_hostility = stored_hostility
        self.endpoints = endpoints(urlconf)
        self.path_values: dict[str, set[str]] = defaultdict(set)
        self.xss = xss_payloads()
        self.hostile = HOSTILE + self.xss
        self.report = Report(endpoints=len(self.endpoints))

    # The crawl ---------------------------------------------------------------------------------------------

    def client(self, role: str) -> Client:
        client = Client(raise_request_exception=True)
        if self.sessions.get(role):
            client.cookies[self.session_cookie] = self.sessions[role]
        return client

    def endpoint_for(self, path: str) -> tuple[Endpoint | None, dict]:
        try:
            match = resolve(unquote(path), self.urlconf)
        except Resolver404:
            return None, {}
        return self.endpoints.get(match.route), {**match.kwargs, **{str(i): v for i, v in enumerate(match.args)}}

    def learn_address(self, url: str, base: str) -> str | None:
        """Note what a link or form action says about its endpoint; return its local path when it has one."""
        parts = urlsplit(urljoin(base, url))
        if parts.netloc not in {"", "testserver"} or parts.scheme not in {"", "http", "https"}:
            return None
        endpoint, kwargs = self.endpoint_for(parts.path)
        if endpoint is None:
            return None
        for name, value in kwargs.items():
            self.path_values[name].add(str(value))
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            if value not in endpoint.query[name] and len(endpoint.query[name]) < 8:
                endpoint.query[name].append(value)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def crawl(self, role: str, start: list[str], *, per_endpoint: int = 2, limit: int = 200) -> None:
        """Visit pages, every endpoint once before any twice, learning addresses, forms and query parameters."""
        client, pending, queued, visits = self.client(role), defaultdict(list), set(), defaultdict(int)

        def enqueue(url: str) -> None:
            endpoint, _kwargs = self.endpoint_for(urlsplit(url).path)
            if endpoint is not None and url not in queued:
                queued.add(url)
                pending[endpoint.key].append(url)

        for url in start:
            enqueue(url)
        with quiet_logs():
            for _ in range(limit):
                waiting = [key for key, urls in pending.items() if urls and visits[key] < per_endpoint]
                if not waiting:
                    break
                key = min(waiting, key=lambda key: visits[key])
                visits[key] += 1
                self._visit(client, role, self.endpoints[key], pending[key].pop(0), enqueue)

    def _visit(self, client, role, endpoint, url, enqueue):
        try:
            response = self.send(Request(role=role, method="GET", path=url), client=client, endpoint=endpoint)
        except AssertionError as failure:
            self.report.failures.append((f"{endpoint.label} (crawl)", failure))
            return
        if response is None or response.status_code >= 400:
            return
        self.add_example(endpoint, urlsplit(url).path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        reader = PageReader()
        reader.feed(response.content.decode("utf-8", "replace"))
        for link in reader.links:
            if (path := self.learn_address(link, url)) is not None:
                enqueue(path)
        for form in reader.forms:
            target = self.learn_address(form.action or url, url)
            if target is None:
                continue
            target_endpoint, _kwargs = self.endpoint_for(urlsplit(target).path)
            if form.method == "GET":
                for name, values in [*((name, [value]) for name, value in form.defaults), *form.choices.items()]:
                    target_endpoint.query[name].extend(values)
                self.add_example(target_endpoint, urlsplit(target).path)
                enqueue(target)
                continue
            # A button's own formaction sends the same fields somewhere else (a comment's decision buttons).
            for action in [form.action or url, *form.button_actions]:
                target = self.learn_address(action, url)
                if target is None:
                    continue
                target_endpoint, _kwargs = self.endpoint_for(urlsplit(target).path)
                # A form's address is real even when only a POST goes there (posting a comment, a workflow step).
                self.add_example(target_endpoint, urlsplit(target).path)
                if form.signature() not in {known.signature() for known in target_endpoint.forms}:
                    target_endpoint.forms.append(form)

    @staticmethod
    def add_example(endpoint: Endpoint, path: str) -> None:
        if path not in endpoint.examples and len(endpoint.examples) < 6:
            endpoint.examples.append(path)

    def fixed_paths(self) -> list[str]:
        """The addresses of endpoints that take no parameter, where a crawl starts besides the home pages."""
        paths = []
        for endpoint in self.endpoints.values():
            route = "".join(str(pattern) for pattern in endpoint.chain)
            if all(isinstance(pattern, RoutePattern) and not pattern.converters for pattern in endpoint.chain):
                paths.append("/" + route)
        return paths

    # One request -----------------------------------------------------------------------------------------

    def send(self, request: Request, *, client: Client | None = None, endpoint: Endpoint | None = None):
        """Send one request in a savepoint that is rolled back, so no request changes what the next one sees."""
        client = client or self.client(request.role)
        cache.clear()
        mail.outbox = []
        response, error = None, None
        self.report.requests += 1
        try:
            with transaction.atomic():
                if request.stored is not None:
                    self.stored_hostility(request.stored)
                with TestCase.captureOnCommitCallbacks(execute=True):
                    response = request.send(client)
                    if response.streaming:
                        b"".join(response.streaming_content)
                    else:
                        response.content  # noqa: B018 - rendering a lazy response may raise
                transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 - every exception is a finding, reported below
            error = exc
        if error is None and response.status_code >= 500:
            error = AssertionError(f"{request.method} {request.url()} answered {response.status_code}")
        if response is not None:
            self.report.statuses[response.status_code] += 1
        if error is not None:
            for known in self.known:
                if known.matches(error):
                    self.report.known[known.reason] += 1
                    return None
            where = endpoint.label if endpoint else request.path
            raise AssertionError(f"server error on {where} for {request!r}") from error
        return response

    # Strategies ------------------------------------------------------------------------------------------

    def text(self, valid: list[str] = ()) -> st.SearchStrategy[bytes]:
        """A hostile value, sometimes glued to a real one so that parsing gets past the first check."""
        # The short list is drawn as often as the long XSS list, so that "²" is not one value in four hundred.
        hostile = st.sampled_from(HOSTILE)
        options = [
            hostile.map(encoded),
            st.sampled_from(NUMERIC_TRAPS).map(encoded),
            *([st.sampled_from(self.xss).map(encoded)] if self.xss else []),
            st.text(max_size=40).map(encoded),
            st.integers(min_value=-(2**70), max_value=2**70).map(lambda n: str(n).encode()),
            st.binary(max_size=24),
        ]
        if valid:
            real = st.sampled_from(list(valid))
            options += [real.map(encoded), st.tuples(real, hostile).map(lambda pair: encoded(pair[0] + pair[1]))]
            if all(value.isascii() and value.isdigit() for value in valid):
                # A field whose real values are numbers mostly gets the numbers that break parsers.
                options = [st.sampled_from(NUMERIC_TRAPS).map(encoded)] * len(options) + options
        return st.one_of(options)

    def converter_value(self, converter, name: str) -> st.SearchStrategy[str]:
        """A value the converter's pattern accepts, so the request reaches the view and not only the resolver."""
        regex = re.compile(converter.regex)
        pool = [value for value in [*self.path_values.get(name, ()), *self.seeds, *self.hostile] if value]
        fitting = [value for value in pool if regex.fullmatch(value) and "\x00" not in value]
        options = [st.from_regex(regex, fullmatch=True)]
        if fitting:
            options.insert(0, st.sampled_from(fitting))
        return st.one_of(options)

    def path(self, endpoint: Endpoint) -> st.SearchStrategy[str]:
        """A made-up address of this endpoint: each part drawn by its converter, or by its regex."""
        parts = []
        for pattern in endpoint.chain:
            if isinstance(pattern, RoutePattern):
                route, last = str(pattern), 0
                for match in PLACEHOLDER.finditer(route):
                    parts.append(st.just(route[last:match.start()]))
                    converter = pattern.converters[match["parameter"]]
                    safe = "/" if match["converter"] == "path" else ""
                    parts.append(self.converter_value(converter, match["parameter"]).map(
                        lambda value, safe=safe: quote(encoded(value), safe=safe)
                    ))
                    last = match.end()
                parts.append(st.just(route[last:]))
            elif isinstance(pattern, RegexPattern):
                regex = pattern.regex.pattern
                parts.append(st.from_regex(regex, fullmatch=True).map(lambda value: quote(encoded(value), safe="/")))
        return st.tuples(*parts).map(lambda pieces: "/" + "".join(pieces))

    def request(self, endpoint: Endpoint) -> st.SearchStrategy[Request]:
        names = sorted({*endpoint.query, *GENERIC_PARAMS, *(name for form in endpoint.forms for name in form.names)})

        @st.composite
        def build(draw):
            role = draw(st.sampled_from(ROLES))
            # Now and then the page also shows something hostile a person stored earlier (a tag, a comment).
            stored = draw(self.text().map(lambda value: value.decode("utf-8", "replace"))) if (
                self.stored_hostility and draw(st.integers(0, 3)) == 0
            ) else None
            method = draw(st.sampled_from(["GET", "POST"]))
            if endpoint.examples and draw(st.integers(0, 3)):
                path = draw(st.sampled_from(endpoint.examples))
            else:
                path = draw(self.path(endpoint))
            query = []
            # Mostly the parameters the site's own links use, where the parsing is; now and then any at all.
            learnt = st.sampled_from(sorted(endpoint.query)) if endpoint.query else st.sampled_from(names)
            for name in draw(st.lists(st.one_of(learnt, learnt, st.sampled_from(names)), max_size=3)):
                query.append((encoded(name), draw(self.text(endpoint.query.get(name, ())))))
            if method == "GET":
                return Request(role=role, method=method, path=path, query=query, stored=stored)
            form = draw(st.sampled_from(endpoint.forms)) if endpoint.forms else Form("POST", path)
            body = [(name, encoded(value)) for name, value in form.defaults]
            if form.buttons and draw(st.booleans()):
                name, value = draw(st.sampled_from(form.buttons))
                body.append((name, encoded(value)))
            own = st.sampled_from(form.names) if form.names else st.sampled_from(names)
            for _ in range(draw(st.integers(0, 3))):
                # Mostly the form's own fields, where the validation is; now and then any parameter at all.
                name = draw(st.one_of(own, own, own, st.sampled_from(names)))
                value = draw(self.text([*form.choices.get(name, ()), *endpoint.query.get(name, ())]))
                body = [(key, val) for key, val in body if key != name or draw(st.booleans())] + [(name, value)]
            if body and draw(st.integers(0, 4)) == 0:
                body.pop(draw(st.integers(0, len(body) - 1)))
            multipart = draw(st.booleans())
            files = []
            if multipart and form.files and draw(st.booleans()):
                files.append((draw(st.sampled_from(form.files)), draw(st.sampled_from(["x.jpg", "../x.png", "ü\x00.gif"])),
                               draw(st.binary(max_size=64))))
            return Request(role=role, method=method, path=path, query=query, body=body, multipart=multipart,
                           files=files, stored=stored)

        return build()

    # The run ---------------------------------------------------------------------------------------------

    def fuzz(self, *, examples: int, endpoint_keys=None, derandomize: bool = False) -> Report:
        """Fuzz every endpoint (or those named); a failure on one endpoint does not stop the others."""
        for endpoint in self.endpoints.values():
            if endpoint_keys is not None and endpoint.key not in endpoint_keys:
                continue
            if endpoint.examples:
                self.report.reached.add(endpoint.key)

            try:
                with quiet_logs():
                    self.fuzz_endpoint(endpoint, examples=examples, derandomize=derandomize)
            except Exception as failure:  # noqa: BLE001 - collected, reported together at the end
                self.report.failures.append((endpoint.label, failure))
        return self.report

    def fuzz_endpoint(self, endpoint: Endpoint, *, examples: int, derandomize: bool = False) -> None:
        # No deadline: the machine's load is not the site's fault, and a test never depends on the clock.
        @settings(max_examples=examples, deadline=None, database=None, print_blob=True, derandomize=derandomize,
                  suppress_health_check=list(HealthCheck))
        @given(self.request(endpoint))
        def run(request):
            self.send(request, endpoint=endpoint)

        run()
