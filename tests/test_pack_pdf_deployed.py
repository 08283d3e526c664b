"""A classroom pack's PDF leaves every worker of the site as deployed the
moment consent is withdrawn, however warm each worker's copy of it was.

The site runs under gunicorn with several workers and production settings;
every worker has made or fetched the PDF before the withdrawal is typed at a
terminal (another process), and after it none gives the PDF to anyone.
"""

import shutil
import tempfile

import pytest

from tests.deployment import Campaign, ask_every_worker

pytestmark = pytest.mark.deployed

FLORAS_PDF = "/stories/floras-story/pack.pdf"


@pytest.fixture(scope="module")
def campaign():
    folder = tempfile.mkdtemp(prefix="hs-pack-pdf-")
    built = Campaign(folder)
    try:
        yield built.build()
    finally:
        built.remove()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def site(campaign):
    deployed = campaign.copy("pack_pdf")
    yield deployed
    deployed.stop()


def test_a_withdrawal_typed_at_a_terminal_takes_the_pdf_from_every_worker(site):
    site.serve()
    teacher = site.reader()
    teacher.sign_in("teacher")
    readers = {"anonymous": site.reader(), "teacher": teacher}
    before = ask_every_worker(site, readers, [FLORAS_PDF])
    assert {status for _reader, _path, status, _text in before} == {200}, site.errors()
    assert all(text.startswith("%PDF") for *_asked, text in before)

    site.manage("withdraw_consent", "HS-0001", "--reason", "I no longer want it online.")

    after = ask_every_worker(site, readers, [FLORAS_PDF])
    assert {status for _reader, _path, status, _text in after} == {404}, site.errors()
    assert not any(text.startswith("%PDF") for *_asked, text in after)
