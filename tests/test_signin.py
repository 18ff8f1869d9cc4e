"""Sign-in end to end: a local OpenID Connect provider (oidc-provider-mock, loopback only), the
app served with an [auth] section, and headless Chromium signing in as a coordinator, a grant
manager and a stranger, checking what each can and cannot see."""

from __future__ import annotations

import pytest

from dashboard.devserver import free_port, serve
from tests.browser import CHROMIUM, HAVE_CHROMIUM, LAUNCH_ARGS, shows  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="NOTICE: no chromium; sign-in test skipped"),
]
ROLES = """
[users."co@roermond.nl"]
role = "coordinator"
centre = "C004"
[users."gm@kwf.nl"]
role = "grant_manager"
"""


@pytest.fixture(scope="module")
def provider():
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=free_port()) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def app_with_auth(provider, demo_warehouse, tmp_path_factory):
    home = tmp_path_factory.mktemp("auth")
    (home / ".streamlit").mkdir()
    roles = home / "roles.toml"
    roles.write_text(ROLES)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    (home / ".streamlit" / "secrets.toml").write_text(
        f'[auth]\nredirect_uri = "{url}/oauth2callback"\ncookie_secret = "{"s" * 40}"\n'
        f'client_id = "ipso-dashboard"\nclient_secret = "secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        f'[roles]\nfile = "{roles}"\n'
    )
    with serve(demo_warehouse, port=port, cwd=home) as served:
        yield served


def _sign_in(browser, url: str, email: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url, timeout=60_000)
    page.get_by_role("button", name="Inloggen").click(timeout=60_000)
    page.wait_for_selector("input[name=sub]", timeout=60_000)  # the provider's form
    page.fill("input[name=sub]", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=60_000)
    return context, page


def test_coordinator_signs_in_and_sees_only_their_centre(browser, app_with_auth):
    context, page = _sign_in(browser, app_with_auth, "co@roermond.nl")
    page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    shows(page, "Ingelogd als co@roermond.nl")
    assert "Datakwaliteit" not in page.inner_text("body")  # not for coordinators
    page.goto(f"{app_with_auth}/centra?centre=C004", timeout=60_000)
    page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    shows(page, "Toon Hermans Huis Roermond")
    body = page.inner_text("body")
    for other in ("PISA", "De Eik", "IPSO Huis Kennemerland", "Hoorn"):
        assert other not in body, other
    page.goto(f"{app_with_auth}/?centre=C002", timeout=60_000)  # another centre by URL
    page.wait_for_selector("text=centrum in de link is onbekend", timeout=60_000)
    assert "PISA" not in page.inner_text("body")
    context.close()


def test_grant_manager_signs_in_and_sees_everything(browser, app_with_auth):
    context, page = _sign_in(browser, app_with_auth, "gm@kwf.nl")
    page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    shows(page, "Ingelogd als gm@kwf.nl", "Datakwaliteit")
    page.goto(f"{app_with_auth}/centra?centre=C002", timeout=60_000)
    page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    shows(page, "PISA")
    context.close()


def test_stranger_gets_no_access(browser, app_with_auth):
    context, page = _sign_in(browser, app_with_auth, "stranger@example.org")
    # The heading and the explanation below it arrive in separate messages: wait for both.
    page.wait_for_selector("text=Geen toegang", timeout=60_000)
    page.wait_for_selector("text=stranger@example.org heeft geen rol", timeout=60_000)
    assert page.locator(".stPlotlyChart").count() == 0
    context.close()
