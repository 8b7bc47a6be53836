from __future__ import annotations

import pytest

from drivers.cash.ccnet import CcnetAcceptor
from drivers.cash.essp import EsspAcceptor
from drivers.cash.factory import open_acceptor
from drivers.cash.id003 import Id003Acceptor


def test_builds_each_protocol_unopened() -> None:
    essp = open_acceptor("essp", "/dev/ttyUSB0", encrypted=True, reply_timeout_s=0.5, retries=3)
    assert isinstance(essp, EsspAcceptor)
    assert essp.status()["state"] == "closed"
    assert essp.status()["encrypted"] is True
    assert isinstance(open_acceptor("id003", "/dev/ttyUSB0", poll_interval_s=0.1), Id003Acceptor)
    assert isinstance(open_acceptor("ccnet", "/dev/ttyUSB0"), CcnetAcceptor)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("ict", "/dev/x"), {}, "unknown acceptor protocol"),
        (("id003", "/dev/x"), {"encrypted": True}, "no encrypted mode"),
        (("ccnet", "/dev/x"), {"encrypted": True}, "no encrypted mode"),
        (("essp", "/dev/x"), {"poll_every": 1.0}, "unknown timing option"),
    ],
)
def test_bad_configuration_is_refused(
    args: tuple[str, str], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        open_acceptor(*args, **kwargs)  # type: ignore[arg-type]
