"""Login limits: 5 failed attempts a minute per user name and per address, then 429 with one message.

Clients connect from different loopback addresses (127.0.0.x) so the two limits are seen apart.
"""
from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

from tests.intake.conftest import PASSWORD, Instance, login


class _FromAddress(HTTPAdapter):
    """Connections leave from the given local address."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]


def client_from(address: str) -> requests.Session:
    s = requests.Session()
    s.mount("http://", _FromAddress(address))
    return s


def test_sixth_wrong_password_for_a_name_gets_429_from_any_address(instance: Instance) -> None:
    first = client_from("127.0.0.2")
    statuses = [login(instance, first, "phuket", "wrong-password").status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    # the name stays limited from another address, even with the right password
    elsewhere = client_from("127.0.0.3")
    assert login(instance, elsewhere, "phuket", PASSWORD).status_code == 429
    # that address is not limited for another account
    assert login(instance, elsewhere, "chiangmai", PASSWORD).status_code == 302


def test_one_address_trying_many_names_is_limited_with_the_same_message(instance: Instance) -> None:
    s = client_from("127.0.0.4")
    responses = [login(instance, s, f"guess{i}", "x") for i in range(6)]
    assert [r.status_code for r in responses] == [401] * 5 + [429]
    assert "รอหนึ่งนาที" in responses[-1].text
    # a name that exists and one that does not get the same failure text
    other = client_from("127.0.0.5")
    known = login(instance, other, "secretariat1", "wrong").text
    unknown = login(instance, other, "nobody-here", "wrong").text
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in known and "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in unknown
