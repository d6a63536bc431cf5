import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from comments import spamfilter
from comments.models import SpamFilterState
from comments.spamfilter import (
    MIN_EXAMPLES,
    NaiveBayes,
    check_with,
    display_token,
    learn,
    learn_many,
    learned_filter_check,
    load_filter,
    read_labelled_csv,
    tokenize,
    unlearn,
    verdict_for,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "spam"

SPAM = [
    "Check out my channel and subscribe please!!! http://www.youtube.com/user/spammer",
    "Subscribe to my channel for free gift cards http://bit.ly/free-gift",
    "Hey guys check out my new video, please subscribe and share",
    "Make $500 a day working from home, visit www.easy-money.com now",
    "FREE iPhone giveaway, click here http://win-prizes.net",
]
HAM = [
    "The council should publish the full budget figures before the vote.",
    "I was at the meeting and the mayor never answered the question about the harbour.",
    "Good reporting, but the photo caption names the wrong school.",
    "My street floods every winter, glad somebody is finally writing about it.",
    "Does anyone know when the consultation closes?",
]


def trained(times: int = MIN_EXAMPLES) -> NaiveBayes:
    """A filter that has seen each example enough times to vote."""
    model = NaiveBayes()
    for _ in range(times):
        for text in SPAM:
            model.train(text, spam=True)
        for text in HAM:
            model.train(text, spam=False)
    return model


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_tokenize_lowercases_words_and_adds_bigrams():
    tokens = tokenize("Great Story about the Harbour")
    assert {"great", "story", "about", "the", "harbour"} <= set(tokens)
    assert "great story" in tokens and "the harbour" in tokens
    assert "Great" not in tokens


def test_tokenize_reduces_links_to_a_link_token_and_their_domain():
    tokens = tokenize("see https://www.youtube.com/watch?v=abc and bit.ly/xyz and http://news.bbc.co.uk/a")
    assert tokens.count("__url__") == 3
    assert {"__domain__:youtube.com", "__domain__:bit.ly", "__domain__:bbc.co.uk"} <= set(tokens)
    assert "watch" not in tokens and "abc" not in tokens


def test_tokenize_marks_numbers_capitals_bangs_money_and_emoji():
    tokens = tokenize("WIN 500 dollars $$$ now!!! 😀😀")
    assert "__num__" in tokens and "500" not in tokens
    assert "__caps__" in tokens and "win" in tokens
    assert "__bang__" in tokens and "__money__" in tokens
    assert tokens.count("__emoji__") == 1


def test_tokenize_unescapes_html_and_drops_tags_and_invisible_marks():
    tokens = tokenize("I&#39;m here<br />to vote\ufeff")
    assert "im" in tokens and "vote" in tokens
    assert not any("br" == t or "<" in t or "\ufeff" in t for t in tokens)


def test_tokenize_folds_full_width_letters_used_to_dodge_filters():
    assert "subscribe" in tokenize("ＳＵＢＳＣＲＩＢＥ")


def test_feature_tokens_read_as_words_for_moderators():
    assert display_token("__url__") == "a link"
    assert display_token("__domain__:bit.ly") == "bit.ly"
    assert display_token("to __num__") == "to #"
    assert display_token("subscribe") == "subscribe"


def test_an_empty_filter_says_half():
    assert NaiveBayes().spam_probability("anything at all") == 0.5


def test_one_class_alone_is_not_enough_to_judge():
    model = NaiveBayes()
    model.train("subscribe to my channel", spam=True)
    assert model.spam_probability("subscribe to my channel") == 0.5


def test_training_separates_spam_from_ham():
    model = trained(1)
    assert model.spam_probability("please subscribe to my channel http://bit.ly/x") > 0.9
    assert model.spam_probability("the council budget vote at the meeting") < 0.1


def test_unseen_words_leave_only_the_prior():
    model = NaiveBayes()
    model.train("buy now", spam=True)
    for text in HAM[:3]:
        model.train(text, spam=False)
    assert model.spam_probability("zyxxy qwop") == pytest.approx(2 / 6)


def test_a_word_repeated_in_one_comment_counts_once():
    model = NaiveBayes()
    model.train("free free free free", spam=True)
    assert model.counts["free"] == [1, 0]


def test_untrain_undoes_train_exactly():
    model = trained(1)
    before = model.to_dict()
    model.train("a reversed decision about channel spam", spam=True)
    model.untrain("a reversed decision about channel spam", spam=True)
    assert model.to_dict() == before


def test_untrain_never_goes_below_zero():
    model = NaiveBayes()
    model.train("hello there", spam=False)
    model.untrain("hello there", spam=True)
    assert model.docs == [0, 1]
    assert model.counts["hello"] == [0, 1]
    model.untrain("hello there", spam=False)
    model.untrain("hello there", spam=False)
    assert model.docs == [0, 0]
    assert model.totals == [0, 0]
    assert model.counts == {}


def test_reversing_a_decision_moves_the_probability():
    model = trained(1)
    text = "the harbour budget vote"
    ham_probability = model.spam_probability(text)
    for _ in range(5):
        model.untrain(text, spam=False)
        model.train(text, spam=True)
    assert model.spam_probability(text) > ham_probability


def test_vocabulary_is_pruned_to_the_most_frequent_tokens():
    model = NaiveBayes(max_tokens=50)
    for _ in range(3):
        model.train("subscribe channel", spam=True)
        model.train("council budget", spam=False)
    for n in range(100):
        model.train(f"rare{n}", spam=n % 2 == 0)
    assert model.vocabulary_size <= 50
    assert {"subscribe", "channel", "council", "budget"} <= model.counts.keys()
    assert model.totals[0] == sum(pair[0] for pair in model.counts.values())
    assert model.totals[1] == sum(pair[1] for pair in model.counts.values())


def test_json_round_trip_keeps_every_count_and_probability():
    model = trained(2)
    text = json.dumps(model.to_dict())
    again = NaiveBayes.from_dict(json.loads(text))
    assert again.to_dict() == model.to_dict()
    assert again.totals == model.totals
    assert again.spam_probability(SPAM[0]) == model.spam_probability(SPAM[0])


def test_from_an_empty_dict_is_an_empty_filter():
    model = NaiveBayes.from_dict({})
    assert model.docs == [0, 0] and model.vocabulary_size == 0


def test_probability_stays_in_range_for_long_texts():
    model = trained()
    assert 0.0 <= model.spam_probability(" ".join(SPAM) * 50) <= 1.0
    assert 0.0 <= model.spam_probability(" ".join(HAM) * 50) <= 1.0


def test_read_labelled_csv_reads_labels_in_every_spelling(tmp_path):
    path = write_csv(
        tmp_path / "labelled.csv",
        "\ufeffCONTENT,CLASS\n"
        '"buy now, cheap",1\n'
        "nice story,0\n"
        "free money,SPAM\n"
        "thanks,ham\n"
        "click me,true\n"
        "agreed,False\n"
        "   ,1\n",
    )
    assert read_labelled_csv(path) == [
        ("buy now, cheap", True), ("nice story", False), ("free money", True),
        ("thanks", False), ("click me", True), ("agreed", False),
    ]


def test_read_labelled_csv_takes_other_column_names(tmp_path):
    path = write_csv(tmp_path / "export.csv", "body,verdict\nhello,0\n")
    assert read_labelled_csv(path, text_column="body", label_column="verdict") == [("hello", False)]


def test_read_labelled_csv_names_the_missing_columns(tmp_path):
    path = write_csv(tmp_path / "wrong.csv", "TEXT,LABEL\nhello,0\n")
    with pytest.raises(ValueError, match="missing column.*CONTENT, CLASS"):
        read_labelled_csv(path)


def test_read_labelled_csv_rejects_an_unknown_label(tmp_path):
    path = write_csv(tmp_path / "odd.csv", "CONTENT,CLASS\nhello,maybe\n")
    with pytest.raises(ValueError, match="line 2.*'maybe'"):
        read_labelled_csv(path)


def test_verdicts_follow_the_thresholds():
    assert verdict_for(0.95, spam_threshold=0.9, hold_threshold=0.6) == "spam"
    assert verdict_for(0.9, spam_threshold=0.9, hold_threshold=0.6) == "spam"
    assert verdict_for(0.7, spam_threshold=0.9, hold_threshold=0.6) == "hold"
    assert verdict_for(0.59, spam_threshold=0.9, hold_threshold=0.6) == "approve"


def test_check_calls_spam_and_names_the_strongest_words():
    verdict, reason, probability = check_with(
        trained(), "subscribe to my channel http://www.youtube.com/user/x", spam_threshold=0.9, hold_threshold=0.6
    )
    assert verdict == "spam"
    assert probability >= 0.9
    assert reason.startswith("Learned filter: ") and "likely spam (words: " in reason
    named = reason.split("(words: ")[1].rstrip(")").split(", ")
    assert len(named) == 3
    assert set(named) <= {"subscribe", "channel", "my channel", "subscribe to", "to my", "my", "a link", "youtube.com"}


def test_check_approves_ordinary_comments_with_the_words_that_cleared_them():
    verdict, reason, probability = check_with(
        trained(), "the council budget meeting", spam_threshold=0.9, hold_threshold=0.6
    )
    assert verdict == "approve"
    assert probability < 0.6
    assert "council" in reason or "budget" in reason


def test_check_holds_the_uncertain_middle():
    verdict, reason, probability = check_with(trained(), "subscribe council", spam_threshold=0.9, hold_threshold=0.6)
    assert verdict == "hold"
    assert 0.6 <= probability < 0.9
    assert "(words: subscribe)" in reason


def test_check_approves_while_too_little_has_been_learned():
    verdict, reason, _ = check_with(trained(1), SPAM[0], spam_threshold=0.9, hold_threshold=0.6)
    assert verdict == "approve"
    assert "not enough decisions learned yet" in reason


def test_check_reason_without_known_words():
    verdict, reason, _ = check_with(trained(), "zyxxy qwop", spam_threshold=0.9, hold_threshold=0.6)
    assert verdict == "approve"
    assert "no words it has learned" in reason


@pytest.mark.django_db
def test_learned_filter_check_reads_thresholds_from_settings(settings):
    learn_many([(t, True) for t in SPAM * MIN_EXAMPLES] + [(t, False) for t in HAM * MIN_EXAMPLES])
    text = "subscribe to my channel"
    assert learned_filter_check(text)[0] == "spam"
    settings.COMMENTS_SPAM_THRESHOLD = 1.0
    settings.COMMENTS_HOLD_THRESHOLD = 0.5
    assert learned_filter_check(text)[0] == "hold"
    assert learned_filter_check(text, spam_threshold=0.5)[0] == "spam"


@pytest.mark.django_db
def test_load_filter_without_a_row_is_empty():
    assert load_filter().spam_probability("anything") == 0.5
    assert not SpamFilterState.objects.exists()


@pytest.mark.django_db
def test_learn_is_seen_by_a_fresh_load(monkeypatch):
    learn("subscribe to my channel", spam=True)
    learn("the council budget", spam=False)
    # Another app server has no cached model: its first load parses the row.
    monkeypatch.setattr(spamfilter, "_cache", None)
    fresh = load_filter()
    assert fresh.docs == [1, 1]
    assert fresh.spam_probability("subscribe channel") > 0.5 > fresh.spam_probability("council budget")
    assert SpamFilterState.objects.get().data["docs"] == [1, 1]


@pytest.mark.django_db
def test_load_filter_reuses_the_parsed_model_until_the_row_changes():
    learn("subscribe to my channel", spam=True)
    first = load_filter()
    assert load_filter() is first
    learn("the council budget", spam=False)
    second = load_filter()
    assert second is not first
    assert second.docs == [1, 1]


@pytest.mark.django_db
def test_a_change_made_elsewhere_is_picked_up(django_assert_max_num_queries):
    learn("subscribe to my channel", spam=True)
    load_filter()
    # Another server's write moves updated_at; this process must not keep serving its cached copy.
    state = SpamFilterState.objects.get()
    state.data = NaiveBayes.from_dict(state.data).to_dict() | {"docs": [1, 5]}
    state.save()
    with django_assert_max_num_queries(2):
        assert load_filter().docs == [1, 5]


@pytest.mark.django_db
def test_unlearn_reverses_learn_in_the_database():
    learn("the council budget", spam=False)
    learn("subscribe to my channel", spam=True)
    unlearn("subscribe to my channel", spam=True)
    assert load_filter().docs == [0, 1]
    assert "subscribe" not in load_filter().counts


@pytest.mark.django_db
def test_learn_many_counts_and_can_reset():
    assert learn_many([("spam one", True), ("ham one", False), ("ham two", False)]) == (1, 2)
    assert learn_many([("fresh start", True)], reset=True) == (1, 0)
    assert load_filter().docs == [1, 0]


@pytest.mark.django_db
def test_command_trains_from_csv_files(tmp_path):
    first = write_csv(tmp_path / "a.csv", "CONTENT,CLASS\nsubscribe to my channel,1\ngood story,0\n")
    second = write_csv(tmp_path / "b.csv", "CONTENT,CLASS\nfree gift cards,1\n")
    out = io.StringIO()
    call_command("train_spam_filter", str(first), str(second), stdout=out)
    assert "Learned 2 spam and 1 ham comments from 2 files." in out.getvalue()
    assert load_filter().docs == [2, 1]


@pytest.mark.django_db
def test_command_reset_and_other_columns(tmp_path):
    learn("old lesson", spam=True)
    path = write_csv(tmp_path / "export.csv", "body,verdict\nnice,ham\n")
    out = io.StringIO()
    call_command("train_spam_filter", str(path), "--text-column", "body", "--label-column", "verdict", "--reset",
                 stdout=out)
    assert "Forgot everything" in out.getvalue()
    assert load_filter().docs == [0, 1]


@pytest.mark.django_db
def test_command_rejects_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file: .*nowhere.csv"):
        call_command("train_spam_filter", str(tmp_path / "nowhere.csv"))


@pytest.mark.django_db
def test_command_names_missing_columns_and_learns_nothing(tmp_path):
    good = write_csv(tmp_path / "good.csv", "CONTENT,CLASS\nspam here,1\n")
    bad = write_csv(tmp_path / "bad.csv", "TEXT,CLASS\nhello,0\n")
    with pytest.raises(CommandError, match="bad.csv: missing column.*CONTENT"):
        call_command("train_spam_filter", str(good), str(bad))
    assert not SpamFilterState.objects.exists()


def test_real_data_trained_on_two_videos_flags_the_third():
    files = sorted(DATA.glob("Youtube0[123]-*.csv")) if DATA.is_dir() else []
    if len(files) != 3:
        pytest.skip("the YouTube spam data set is not beside this checkout (../shared/data/spam)")
    model = NaiveBayes()
    for path in files[:2]:
        for text, spam in read_labelled_csv(path):
            model.train(text, spam=spam)
    flagged = caught = spam_total = 0
    for text, spam in read_labelled_csv(files[2]):
        is_flagged = model.spam_probability(text) >= 0.9
        flagged += is_flagged
        caught += is_flagged and spam
        spam_total += spam
    precision, recall = caught / flagged, caught / spam_total
    # Measured 0.995 and 0.852. A third of this file's spam is one repeated text scored 0.924, so recall
    # moves in steps: 0.8 tolerates small tokenizer changes but fails if that cluster slips under the threshold.
    assert precision >= 0.95, precision
    assert recall >= 0.8, recall
