"""Touch screens and meeting mode in headless Chromium with device emulation: a tap selects a province
and shows what the tooltip says, a second tap opens it (also with touch events dispatched directly);
meeting mode steps with visible buttons and swipes, keeps the province in the address, follows an
agenda, fills a projector with the map in large type, and a tap on the map never leaves it."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import LiveServer, draw_chart
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

MAP_PATHS = "#province-map .choroplethlocation"
DRAWN = f"document.querySelectorAll('{MAP_PATHS}').length >= 77"
GD = "document.querySelector('#province-map .js-plotly-plot')"


# Playwright's "iPad (gen 7) landscape" and "iPhone 13" descriptors (the Browser object does not reach
# the running Playwright's device list)
DEVICES: dict[str, dict[str, Any]] = {
    "ipad": {"viewport": {"width": 1080, "height": 810}, "device_scale_factor": 2, "is_mobile": True,
             "has_touch": True,
             "user_agent": "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 "
                           "(KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1"},
    "iphone": {"viewport": {"width": 390, "height": 664}, "device_scale_factor": 3, "is_mobile": True,
               "has_touch": True, "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) "
                                                "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.0 "
                                                "Mobile/15E148 Safari/604.1"},
}


@pytest.fixture(params=list(DEVICES))
def touch_page(request: Any, browser: Any, live_server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(**DEVICES[request.param])
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def _centre(page: Any, code: str) -> tuple[float, float]:
    index = page.evaluate(f"{GD}.data[0].locations.indexOf('{code}')")
    shape = page.locator(MAP_PATHS).nth(index)
    shape.scroll_into_view_if_needed()
    box = shape.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _open(page: Any, query: str) -> None:
    page.goto(page.base_url + "/" + query)
    draw_chart(page, "province-map")  # on a small phone the map starts more than a screen down
    _wait(page, DRAWN)
    page.wait_for_timeout(300)


def test_first_tap_shows_the_tooltip_second_opens(touch_page: Any) -> None:
    _open(touch_page, "?lang=en&year=2566")
    x, y = _centre(touch_page, "50")  # Chiang Mai: its bounding box centre lies inside it
    touch_page.touchscreen.tap(x, y)
    _wait(touch_page, "document.querySelector('#province-panel').innerText.includes('Chiang Mai')")
    panel = touch_page.inner_text("#province-panel")
    assert "Missing:" in panel and "Projects:" in panel and "UNDP pilot province" in panel
    assert touch_page.evaluate("location.pathname") == "/"
    touch_page.touchscreen.tap(x, y)
    _wait(touch_page, "location.pathname === '/province/50'")
    assert touch_page.evaluate("location.search") == "?year=2566&lang=en"


def test_panel_button_opens_the_tapped_province(touch_page: Any) -> None:
    _open(touch_page, "")
    x, y = _centre(touch_page, "50")
    touch_page.touchscreen.tap(x, y)
    _wait(touch_page, "!!document.querySelector('#province-panel-open')")
    touch_page.locator("#province-panel-open").tap()
    _wait(touch_page, "location.pathname === '/province/50'")


DISPATCH_TAP = """([index, x, y]) => {
    const target = document.querySelectorAll('#province-map .choroplethlocation')[index];
    const touch = new Touch({identifier: 1, target, clientX: x, clientY: y});
    target.dispatchEvent(new TouchEvent('touchstart', {bubbles: true, cancelable: true,
        touches: [touch], targetTouches: [touch], changedTouches: [touch]}));
    target.dispatchEvent(new TouchEvent('touchend', {bubbles: true, cancelable: true,
        touches: [], targetTouches: [], changedTouches: [touch]}));
    return target.getAttribute('class');
}"""


def test_touch_events_dispatched_directly(touch_page: Any) -> None:
    _open(touch_page, "?lang=en")
    x, y = _centre(touch_page, "50")
    index = touch_page.evaluate(f"{GD}.data[0].locations.indexOf('50')")
    assert "choroplethlocation" in touch_page.evaluate(DISPATCH_TAP, [index, x, y])
    _wait(touch_page, "document.querySelector('#province-panel').innerText.includes('Chiang Mai')")
    touch_page.evaluate(DISPATCH_TAP, [index, x, y])
    _wait(touch_page, "location.pathname === '/province/50'")


def test_mouse_click_still_opens_at_once(page: Any) -> None:
    _open(page, "?lang=en")
    x, y = _centre(page, "50")
    page.mouse.click(x, y)
    _wait(page, "location.pathname === '/province/50'")


def _pilot(page: Any) -> str:
    return str(page.evaluate("(document.querySelector('#present-pilot .present-pilot-name') || {})"
                             ".getAttribute ? document.querySelector('#present-pilot .present-pilot-name')"
                             ".getAttribute('data-province') : ''"))


def test_meeting_mode_buttons_swipes_address_and_taps(touch_page: Any) -> None:
    _open(touch_page, "?present=1&pilot=50")
    assert _pilot(touch_page) == "50"
    for button in ("#present-prev", "#present-next"):
        assert touch_page.locator(button).is_visible()
    touch_page.locator("#present-next").tap()
    _wait(touch_page, "new URLSearchParams(location.search).get('pilot') === '58'")  # pilot order: 57, 50, 58
    assert _pilot(touch_page) == "58"
    # a swipe to the left is "next", to the right "previous"
    touch_page.evaluate("""() => {
        const t0 = new Touch({identifier: 2, target: document.body, clientX: 300, clientY: 300});
        const t1 = new Touch({identifier: 2, target: document.body, clientX: 100, clientY: 310});
        const fire = (type, touches, changed) => document.body.dispatchEvent(
            new TouchEvent(type, {bubbles: true, touches, changedTouches: [changed]}));
        fire('touchstart', [t0], t0);
        fire('touchend', [], t1);
    }""")
    _wait(touch_page, "new URLSearchParams(location.search).get('pilot') === '63'")
    touch_page.reload()
    draw_chart(touch_page, "province-map")
    _wait(touch_page, DRAWN)
    assert _pilot(touch_page) == "63"
    x, y = _centre(touch_page, "50")
    touch_page.touchscreen.tap(x, y)
    touch_page.touchscreen.tap(x, y)
    touch_page.wait_for_timeout(1500)
    assert touch_page.evaluate("location.pathname") == "/"
    assert touch_page.locator("#present-root").count() == 1


def test_meeting_mode_agenda(page: Any) -> None:
    _open(page, "?present=1&agenda=50,57,30&lang=en")
    page.click("#present-next")
    _wait(page, "new URLSearchParams(location.search).get('pilot') === '50'")
    assert "1 of 3" in page.inner_text("#present-pilot")
    page.keyboard.press("ArrowRight")
    _wait(page, "new URLSearchParams(location.search).get('pilot') === '57'")
    page.keyboard.press("ArrowRight")
    _wait(page, "new URLSearchParams(location.search).get('pilot') === '30'")
    assert "3 of 3" in page.inner_text("#present-pilot")
    assert new_agenda(page) == "50,57,30"


def new_agenda(page: Any) -> str:
    return str(page.evaluate("new URLSearchParams(location.search).get('agenda')"))


SMALLEST_TEXT = """() => {
    let smallest = [1000, ''];
    const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
        return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 1 && r.height > 1
            && !el.closest('.visually-hidden, [aria-hidden=true]') && r.bottom > 0 && r.top < innerHeight; };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        const skipped = !el || ['SCRIPT', 'STYLE'].includes(el.tagName);
        if (!node.nodeValue.trim() || skipped || !visible(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < smallest[0]) smallest = [size, node.nodeValue.trim().slice(0, 40)];
    }
    return smallest;
}"""


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_meeting_mode_fills_a_projector(browser: Any, live_server: LiveServer, width: int,
                                        height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/?present=1")
        _wait(page, DRAWN)
        _wait(page, f"!!{GD}.presentEnlarged")
        page.wait_for_timeout(800)
        outline = page.evaluate("document.querySelector('#province-map .choroplethlayer')"
                                ".getBoundingClientRect().height")
        assert outline >= 0.6 * height, f"the country is {outline / height:.0%} of the screen's height"
        if (width, height) == (1366, 768):
            size, text = page.evaluate(SMALLEST_TEXT)
            assert size >= 20, f"{text!r} is {size}px"
    finally:
        context.close()
