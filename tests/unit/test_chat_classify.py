"""Bot or person, and why, for every chat message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from touchpoint.chat.classify import judge, template_hash
from touchpoint.chat.session import ChatMessage

SENT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def at(seconds: float, author: str, text: str, name: str = "", **meta: object) -> ChatMessage:
    return ChatMessage(author, text, SENT + timedelta(seconds=seconds), "x", name, dict(meta))


def test_every_kind_of_machine_is_told_apart_from_the_person() -> None:
    messages = [
        at(-5, "agent", "Hi! How can we help?", "Maria"),  # before the visitor wrote
        at(0, "visitor", "How much? (TP-X)"),
        at(0.4, "system", "Maria joined the chat"),
        at(0.6, "bot", "I'm Lyro, an AI assistant", "Lyro"),
        at(0.8, "agent", "Thanks for your message!", "Fin"),  # a known bot's name
        at(1.5, "agent", "Typing too fast", "Kim"),  # faster than a person
        at(2.0, "agent", "Our standard reply", "Kim", bot=False),  # a template from earlier runs
        at(9.0, "agent", "A service is £89.", "Maria"),
    ]
    verdicts = judge(
        messages, sent_at=SENT, min_human=timedelta(seconds=2), templates={template_hash("our standard REPLY!")}
    )
    whys = [(v.human, v.why) for v in verdicts]
    assert [human for human, _ in whys] == [False, False, False, False, False, False, False, True]
    assert whys[0][1] == "a greeting sent before the visitor wrote"
    assert whys[2][1] == "a system message"
    assert "bot" in whys[3][1] and "Fin" in whys[4][1]
    assert whys[5][1].startswith("too fast for a person")
    assert "template" in whys[6][1]
    assert whys[7][1] == "a person (Maria)"


def test_nothing_counts_before_the_question_is_sent() -> None:
    assert not any(v.human for v in judge([at(5, "agent", "Hi", "Maria")], sent_at=None, min_human=timedelta(0)))


def test_russian_and_lithuanian_bot_names() -> None:
    verdicts = judge(
        [at(30, "agent", "Здравствуйте", "Бот-помощник"), at(30, "agent", "Sveiki", "Virtualus asistentas")],
        sent_at=SENT,
        min_human=timedelta(0),
    )
    assert not any(v.human for v in verdicts)


def test_chat_widgets_are_named_from_the_scripts_a_page_loads() -> None:
    from touchpoint.chat.checks import chat_widgets_check
    from touchpoint.chat.detect import VENDOR_NAMES, chat_vendors_in, script_patterns

    # Read from the adapters' own signatures: every adapter with script addresses has a name.
    assert sorted(script_patterns()) == sorted(VENDOR_NAMES)

    # Script tags as the vendors' embed snippets leave them in the rendered page.
    home = (
        '<script async="" src="https://embed.tawk.to/5f1a2b3c4d5e6f7a8b9c0d1e/1e2f3g4h5" charset="UTF-8"></script>'
        "<script src='//code.jivo.ru/widget/AbCdEf123' async></script>"
    )
    prices = '<script type="text/javascript" async src="https://cdn-ru.bitrix24.ru/b1234567/crm/site_button/loader_2_a1b2c3.js?123"></script>'
    blog = '<script src="/wp-content/plugins/tawk-helper/readme.js"></script><a href="https://www.tawk.to/">tawk.to</a>'
    found = chat_vendors_in([("/", home), ("/prices", prices), ("/blog", blog)])
    assert found == {"tawk": ["/"], "jivo": ["/"], "bitrix24": ["/prices"]}
    check = chat_widgets_check(found, 3, 0)
    assert check.actual == "Tawk.to, Jivo, Bitrix24 Open Lines" and "more than one" in check.message
    assert "add a chat channel with submit = true" in check.message and check.verdict.value == "info"
    assert chat_widgets_check({}, 3, 0).actual == "none"


def test_a_self_hosted_or_tag_managed_chat_is_named_by_its_snippet_or_its_widget() -> None:
    from touchpoint.chat.detect import chat_vendors_in

    pages = [
        # the vendor's snippet, loading a copy of its script from the site itself
        (
            "/a",
            "<script>var Tawk_API=Tawk_API||{}, Tawk_LoadStart=new Date();</script>"
            '<script src="/assets/js/livechat-loader.js" async></script>',
        ),
        # loaded by a tag manager: no snippet in the HTML, but the widget Jivo draws in the page
        (
            "/b",
            '<script src="/assets/js/tm.js"></script><jdiv class="globalClass_e4f1"><jdiv>Chat</jdiv></jdiv>',
        ),
        ("/c", '<div class="crisp-client"><div id="crisp-chatbox" data-chat-status="ongoing"></div></div>'),
        # words in data or text are not a chat: JSON-LD naming an intercom, a blog post about Drift
        (
            "/d",
            '<script type="application/ld+json">{"amenityFeature": "Intercom", "x": "zE"}</script>'
            "<p>We compared Drift, Intercom and tawk.to for small shops.</p><script>var zEx = 1;</script>",
        ),
    ]
    assert chat_vendors_in(pages) == {"tawk": ["/a"], "jivo": ["/b"], "crisp": ["/c"]}
