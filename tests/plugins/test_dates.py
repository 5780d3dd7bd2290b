"""The dates plugin through the real pipeline (real spaCy parse, real dateparser).

Publication dates: 2018-05-27 is a Sunday, 2016-03-02 a Wednesday, 2018-11-20 a Tuesday.
"""

from __future__ import annotations

import pytest

from fieldreport.v1 import fieldreport_pb2 as pb

DAY, WEEK, MONTH, YEAR = (pb.TimeValue.DAY, pb.TimeValue.WEEK, pb.TimeValue.MONTH, pb.TimeValue.YEAR)


@pytest.fixture()
def times(annotate):
    """times(text, published) -> {expression text: TimeValue} from the ``times`` layer."""

    def run(text: str, published: str = "2018-05-27") -> dict[str, pb.TimeValue]:
        found = annotate(text, published, ("dates",)).get("times")
        by_text = {t.text: t for t in found}
        assert len(by_text) == len(found), [t.text for t in found]
        return by_text

    return run


def day(t: pb.TimeValue) -> tuple[str, str, str, str, int]:
    return t.type, t.value, t.start, t.end, t.granularity


# -- weekdays ----------------------------------------------------------------------------------------


def test_weekdays_are_the_latest_such_day_on_or_before_publication(times):
    found = times("Gunmen attacked the village on Wednesday. Officials said on Sunday that the army had "
                  "retaken it on Saturday, after shelling on Monday.")
    assert day(found["Wednesday"]) == ("DATE", "2018-05-23", "2018-05-23", "2018-05-23", DAY)
    assert found["Sunday"].value == "2018-05-27"  # the publication weekday is the publication day
    assert found["Saturday"].value == "2018-05-26"
    assert found["Monday"].value == "2018-05-21"
    assert found["Wednesday"].anchor == "published:2018-05-27"
    assert not found["Wednesday"].inferred


def test_weekdays_against_another_publication_date(times):
    found = times("The convoy was ambushed on Thursday and the funeral took place on Wednesday.", "2016-03-02")
    assert found["Thursday"].value == "2016-02-25"
    assert found["Wednesday"].value == "2016-03-02"


def test_last_next_and_future_tense_weekdays(times):
    found = times("He was shot last Sunday. The court will rule on Friday. The envoy arrives next Sunday.")
    assert found["last Sunday"].value == "2018-05-20"  # "last": strictly before publication
    assert found["Friday"].value == "2018-06-01"  # a future-tense clause looks ahead
    assert found["next Sunday"].value == "2018-06-03"


def test_parts_of_day_and_clock_times(times):
    found = times("A bomb went off Friday night and troops fired back early Monday. "
                  "The curfew began at 3:30 p.m. on Tuesday. Residents fled this morning.")
    assert day(found["Friday night"]) == ("TIME", "2018-05-25TNI", "2018-05-25", "2018-05-25", DAY)
    assert day(found["early Monday"]) == ("DATE", "2018-05-21", "2018-05-21", "2018-05-21", DAY)
    assert day(found["3:30 p.m. on Tuesday"]) == ("TIME", "2018-05-22T15:30", "2018-05-22", "2018-05-22", DAY)
    assert found["this morning"].value == "2018-05-27TMO"


# -- parts of months, relative years, explicit dates ------------------------------------------------


def test_early_mid_late_month(times):
    found = times("Rebels advanced in early February, stalled in mid-March and retreated in late April.")
    assert day(found["early February"]) == ("DATE", "2018-02", "2018-02-01", "2018-02-10", MONTH)
    assert day(found["mid-March"]) == ("DATE", "2018-03", "2018-03-11", "2018-03-20", MONTH)
    assert day(found["late April"]) == ("DATE", "2018-04", "2018-04-21", "2018-04-30", MONTH)


def test_last_year_and_a_day_of_last_year(times):
    found = times("Last year the militia lost the port, which it had seized on July 12 last year.")
    assert day(found["Last year"]) == ("DATE", "2017", "2017-01-01", "2017-12-31", YEAR)
    assert day(found["July 12 last year"]) == ("DATE", "2017-07-12", "2017-07-12", "2017-07-12", DAY)


@pytest.mark.parametrize("written", ["October 3, 2017", "3 October 2017", "Oct. 3, 2017", "2017-10-03",
                                     "10/3/2017"])
def test_explicit_dates_in_several_formats(times, written):
    found = times(f"The checkpoint was attacked on {written}.")
    assert day(found[written]) == ("DATE", "2017-10-03", "2017-10-03", "2017-10-03", DAY)
    assert found[written].anchor == ""  # absolute: resolved against nothing


def test_a_weekday_with_its_date_picks_the_year_that_agrees(times):
    found = times("The raid happened on Sunday, Feb. 19, police said.", "2018-05-27")
    assert found["Sunday, Feb. 19"].value == "2017-02-19"  # Feb. 19 was a Sunday in 2017, not 2018


def test_month_without_year_by_tense(times):
    found = times("Rebels took the town in November and lost it in March.")
    assert [t.value for t in found.values()] == ["2017-11", "2018-03"]
    later = times("Elections will be held in November.")
    assert day(later["November"]) == ("DATE", "2018-11", "2018-11-01", "2018-11-30", MONTH)


def test_month_without_year_around_a_new_year(times):
    assert times("The offensive began in January.", "2018-11-20")["January"].value == "2018-01"
    assert times("The offensive will begin in January.", "2018-11-20")["January"].value == "2019-01"
    assert times("The trial is scheduled for Dec. 3.", "2018-11-20")["Dec. 3"].value == "2018-12-03"
    # present tense, no direction: the nearer reading, the past unless the future is much nearer
    assert times("The talks resume on Dec. 3.", "2018-11-20")["Dec. 3"].value == "2018-12-03"
    assert times("The talks resume on Dec. 3.", "2018-06-20")["Dec. 3"].value == "2017-12-03"


def test_years_decades_and_since(times):
    found = times("Fighting has raged since March 2011; the group was founded in 2014 and grew in the 1990s.")
    assert "since March 2011" not in found  # TimeML extents leave the preposition out
    assert day(found["March 2011"]) == ("DATE", "2011-03", "2011-03-01", "2011-03-31", MONTH)
    assert day(found["2014"]) == ("DATE", "2014", "2014-01-01", "2014-12-31", YEAR)
    assert day(found["the 1990s"]) == ("DATE", "199", "1990-01-01", "1999-12-31", YEAR)


# -- ranges, durations, narrative ---------------------------------------------------------------------


def test_ranges(times):
    found = times("Fighting raged between May 3 and 5 and again from Monday to Wednesday.")
    assert day(found["May 3 and 5"]) == ("DATE", "2018-05-03/2018-05-05", "2018-05-03", "2018-05-05", DAY)
    assert day(found["Monday to Wednesday"]) == ("DATE", "2018-05-21/2018-05-23", "2018-05-21", "2018-05-23",
                                                 DAY)


def test_durations_are_not_dates(times):
    found = times("The clashes lasted around an hour. The siege went on for three days and the talks for "
                  "two weeks; the war has lasted nearly forty years.")
    assert {text: t.value for text, t in found.items()} == {
        "around an hour": "PT1H", "three days": "P3D", "two weeks": "P2W", "nearly forty years": "P40Y"}
    for t in found.values():
        assert (t.type, t.start, t.end, t.granularity) == ("DURATION", "", "", 0)


def test_two_days_later_counts_from_the_date_before_it(times):
    found = times("The man was wounded on May 3 and died two days later. A week earlier, police had "
                  "arrested his brother.")
    assert day(found["two days later"]) == ("DATE", "2018-05-05", "2018-05-05", "2018-05-05", DAY)
    assert found["two days later"].anchor == "previous:2018-05-03"
    assert found["A week earlier"].value == "2018-04-28"
    assert found["A week earlier"].anchor == "previous:2018-05-05"


def test_without_a_date_before_it_the_narrative_starts_at_publication(times):
    found = times("Two days later, the ministry published the names.")
    assert found["Two days later"].value == "2018-05-29"
    assert found["Two days later"].anchor == "published:2018-05-27"


def test_ages_and_street_numbers_are_not_dates(times):
    assert times("Ahmed, 37, was killed outside 1101 Main Street. The 18-year-old died later.") == {}


# -- TimeML values --------------------------------------------------------------------------------------


def test_timeml_values(times):
    found = times("Now prices are rising. Recently the army said it would win in the future. Last summer, in "
                  "the third quarter, it held talks every Friday and met daily; last week it rested over the "
                  "weekend.")
    values = {text: (t.type, t.value) for text, t in found.items()}
    assert values == {
        "Now": ("DATE", "PRESENT_REF"), "Recently": ("DATE", "PAST_REF"), "the future": ("DATE", "FUTURE_REF"),
        "Last summer": ("DATE", "2017-SU"), "the third quarter": ("DATE", "2017-Q3"),
        "every Friday": ("SET", "XXXX-WXX-5"), "daily": ("SET", "P1D"), "last week": ("DATE", "2018-W20"),
        "the weekend": ("DATE", "2018-W21-WE")}
    assert (found["Now"].start, found["Now"].granularity) == ("", 0)  # PRESENT_REF names no calendar stretch
    assert day(found["last week"]) == ("DATE", "2018-W20", "2018-05-14", "2018-05-20", WEEK)
    assert day(found["the third quarter"]) == ("DATE", "2017-Q3", "2017-07-01", "2017-09-30", MONTH)
    assert (found["the weekend"].start, found["the weekend"].end) == ("2018-05-26", "2018-05-27")


def test_late_last_week_narrows_the_week(times):
    found = times("He was shot late last week.")
    assert day(found["late last week"]) == ("DATE", "2018-W20", "2018-05-17", "2018-05-20", WEEK)


# -- Normalize DATE through the pipeline ------------------------------------------------------------------


def normalize(pipeline, text: str, reference: str = "2018-05-27", sentence: str = "") -> pb.NormalizeResult:
    item = pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text=text,
                            context=pb.NormalizeContext(reference_date=reference, sentence=sentence))
    return pipeline.normalize_item(item, "items[0]")


def test_normalize_a_weekday_offers_the_other_reading(pipeline):
    result = normalize(pipeline, "Friday")
    assert result.best.time.value == "2018-05-25"
    assert [a.time.value for a in result.alternatives] == ["2018-06-01"]
    assert result.best.confidence > result.alternatives[0].confidence


def test_normalize_reads_the_tense_of_the_sentence(pipeline):
    result = normalize(pipeline, "Friday", sentence="The court will announce its verdict on Friday.")
    assert result.best.time.value == "2018-06-01"
    assert [a.time.value for a in result.alternatives] == ["2018-05-25"]


def test_normalize_reads_the_narrative_of_the_sentence(pipeline):
    result = normalize(pipeline, "two days later", sentence="He was wounded on May 3 and died two days later.")
    assert (result.best.time.value, result.best.time.anchor) == ("2018-05-05", "previous:2018-05-03")
    assert list(result.alternatives) == []


def test_normalize_explicit_and_relative_values(pipeline):
    assert normalize(pipeline, "last Wednesday").best.time.value == "2018-05-23"
    best = normalize(pipeline, "early February").best.time
    assert (best.value, best.start, best.end, best.granularity) == ("2018-02", "2018-02-01", "2018-02-10", MONTH)
    assert normalize(pipeline, "October 3, 2017", reference="").best.time.value == "2017-10-03"
    assert normalize(pipeline, "about an hour").best.time.value == "PT1H"


def test_normalize_without_a_reading_has_no_best(pipeline):
    assert not normalize(pipeline, "the ceasefire").HasField("best")
    assert not normalize(pipeline, "last Wednesday", reference="").HasField("best")


def test_normalize_rejects_a_malformed_reference_date(pipeline):
    from fieldreport.service.errors import FieldReportError

    with pytest.raises(FieldReportError) as caught:
        normalize(pipeline, "Friday", reference="27/05/2018")
    assert caught.value.reason == "MALFORMED_DATE"


def test_the_quarter_refers_back_and_bare_units_name_no_date(times):
    found = times("Sales fell in the second quarter of 2017. In the quarter, the firm cut jobs; the month "
                  "was hard and the week worse.")
    assert found["the second quarter of 2017"].value == "2017-Q2"
    assert found["the quarter"].value == "2017-Q2"
    assert found["the quarter"].anchor == "previous:2017-Q2"
    assert "the month" not in found and "the week" not in found  # a unit alone says not which one


def test_midnight_opens_its_day_and_clock_times_join_their_day(times):
    found = times("The curfew began at midnight on May 3, 2018. The raid came on May 4, 2018 - 6 pm.")
    midnight = next(t for text, t in found.items() if "midnight" in text)
    assert midnight.value.startswith("2018-05-03T00:00")
    assert (midnight.start, midnight.end) == ("2018-05-03", "2018-05-03")
    raid = next(t for text, t in found.items() if "May 4" in text)
    assert raid.value == "2018-05-04T18:00"


def test_afternoon_is_a_part_of_the_day_not_noon(times):
    found = times("Police were called to the school Wednesday afternoon. Around 2:45 p.m., officers arrived.",
                  "2016-12-22")
    assert day(found["Wednesday afternoon"]) == ("TIME", "2016-12-21TAF", "2016-12-21", "2016-12-21", DAY)
    assert found["Around 2:45 p.m."].value == "2016-12-21T14:45"  # on the day the narrative named


def test_a_reduced_relative_is_past_under_a_clause_that_looks_ahead(times):
    found = times("A man shot Tuesday is expected to recover, police say.", "2016-09-07")
    assert found["Tuesday"].value == "2016-09-06"  # not the Tuesday to come


def test_holidays_are_their_days(times):
    found = times("The party bus was shot at on New Years Eve. Another man was shot on New Year's Day, a third "
                  "on Christmas Eve and two more on Thanksgiving. Eight people were killed over Labor Day weekend. "
                  "A boy was hurt on Halloween night. He was born on Christmas 1990. The trial opens next Easter.",
                  "2017-01-04")
    assert found["New Years Eve"].value == "2016-12-31"
    assert found["New Year's Day"].value == "2017-01-01"  # the latest on or before publication
    assert found["Christmas Eve"].value == "2016-12-24"
    assert day(found["Thanksgiving"]) == ("DATE", "2016-11-24", "2016-11-24", "2016-11-24", DAY)  # 4th Thursday
    weekend = found["Labor Day weekend"]  # Labor Day 2016: Monday, September 5
    assert (weekend.value, weekend.start, weekend.end) == ("2016-W35-WE", "2016-09-03", "2016-09-05")
    assert found["Halloween night"].value == "2016-10-31TNI"
    assert found["Christmas 1990"].value == "1990-12-25"
    assert found["next Easter"].value == "2017-04-16"


def test_a_holiday_name_inside_a_longer_name_is_no_date(times):
    assert times("The museum on Easter Island reopened.", "2017-01-04") == {}


# -- TimeML as TimeBank annotates it: durations, reports' periods, vague references ------------------------


def test_hyphenated_durations_and_their_term(times):
    found = times("The garrison endured a nine-day siege before the 20-year truce; the talks ran a two-hour "
                  "session and the mayor won a four-year term.", "2018-11-20")
    assert {text: (t.type, t.value) for text, t in found.items()} == {
        "nine-day": ("DURATION", "P9D"), "20-year": ("DURATION", "P20Y"), "two-hour": ("DURATION", "PT2H"),
        "four-year term": ("DURATION", "P4Y")}


def test_a_year_before_a_possessive_and_words_spacy_put_before_a_date(times):
    found = times("Voters will turn out for this year's referendum. Prices rose in both 2016.", "2018-11-20")
    assert day(found["this year"]) == ("DATE", "2018", "2018-01-01", "2018-12-31", YEAR)
    assert found["2016"].value == "2016"
    assert "both 2016" not in found
    both = times("The mill grew in both 2015 and 2017.", "2018-11-20")
    assert [(text, t.value) for text, t in both.items()] == [("2015", "2015"), ("2017", "2017")]


def test_a_report_compares_its_quarter_with_the_quarter_a_year_before(times):
    found = times("Acme Corp. said profit in the second quarter rose to $5 million from $4 million a year "
                  "earlier. Sales in the quarter rose too, and costs were lower than a year ago. In the 2017 "
                  "period, the firm had a loss.", "2018-11-20")
    assert found["the second quarter"].value == "2018-Q2"
    assert found["a year earlier"].value == "2017-Q2"
    assert found["the quarter"].value == "2018-Q2"  # still the quarter reported on, not the one compared
    assert found["the quarter"].anchor == "previous:2018-Q2"
    assert (found["a year ago"].value, found["a year ago"].anchor) == ("2017-Q2", "previous:2018-Q2")
    assert day(found["the 2017 period"]) == ("DATE", "2017-Q2", "2017-04-01", "2017-06-30", MONTH)


def test_the_end_date_of_a_quarter_leaves_the_narrative_on_the_quarter(times):
    found = times("Brixton Ltd. posted a loss for the second quarter ended June 30, against a profit a year "
                  "earlier. Costs in the year-earlier six months were higher. The year-ago quarter was a loss, and "
                  "charges weighed on last year's quarter. This year's first quarter was better.",
                  "2018-11-20")
    assert found["June 30"].value == "2018-06-30"
    assert found["a year earlier"].value == "2017-Q2"  # the quarter's, not June 30's
    assert (found["the year-earlier six months"].type, found["the year-earlier six months"].value) == (
        "DURATION", "P6M")
    assert found["The year-ago quarter"].value == "2017-Q2"
    assert found["last year's quarter"].value == "2017-Q2"
    assert found["This year's first quarter"].value == "2018-Q1"


def test_the_year_ended_a_date_is_a_year_long_and_the_year_alone_is_this_one(times):
    found = times("Revenue in the year ended Jan. 31 climbed.", "2018-11-20")
    assert [(text, t.type, t.value) for text, t in found.items()] == [("the year", "DURATION", "P1Y"),
                                                                      ("Jan. 31", "DATE", "2018-01-31")]
    later = times("The chain sees a deficit over the year ending Aug. 31, 2019.", "2018-11-20")
    assert (later["the year"].type, later["the year"].value) == ("DURATION", "P1Y")
    assert later["Aug. 31, 2019"].value == "2019-08-31"  # one date, not "Aug. 31" and "2019"
    alone = times("Shares reached their peak of the year in May.", "2018-11-20")
    assert day(alone["the year"]) == ("DATE", "2018", "2018-01-01", "2018-12-31", YEAR)
    assert alone["May"].value == "2018-05"


def test_frequency_adjectives_shares_and_previously_of_a_participle_time_nothing(times):
    found = times("The board praised its quarterly report at the annual fair, citing a previously stated "
                  "aim. It won a quarter of the seats. Trains run daily and it pays monthly.",
                  "2018-11-20")
    assert {text: t.value for text, t in found.items()} == {"daily": "P1D", "monthly": "P1M"}


def test_vague_stretches(times):
    found = times("Prices have fallen over the past several months and will rise in the coming weeks. Talks "
                  "may take the next couple of years; in the near term little changes. A week or so ago the "
                  "envoy left. More recently, the talks resumed.", "2018-11-20")
    assert {text: (t.type, t.value) for text, t in found.items()} == {
        "the past several months": ("DATE", "PAST_REF"), "the coming weeks": ("DURATION", "PXW"),
        "the next couple of years": ("DURATION", "P2Y"), "the near term": ("DATE", "FUTURE_REF"),
        "A week or so ago": ("DATE", "2018-11-13"), "More recently": ("DATE", "PAST_REF")}


def test_weekdays_sharing_a_plural_part_of_the_day_are_sets(times):
    found = times("The ferry leaves on Monday and Thursday nights, and the shop closes on Friday evenings.",
                  "2018-11-20")
    assert {text: (t.type, t.value) for text, t in found.items()} == {
        "Monday": ("SET", "XXXX-WXX-1TNI"), "Thursday nights": ("SET", "XXXX-WXX-4TNI"),
        "Friday evenings": ("SET", "XXXX-WXX-5TEV")}


def test_a_future_that_is_a_thing_is_no_time(times):
    found = times("The future of the harbour is unclear and the future seems bleak, but the raids will go on into "
                  "the future.", "2018-11-20")
    assert [(text, t.value) for text, t in found.items()] == [("the future", "FUTURE_REF")]
    assert found["the future"].span.begin > 60  # the last one, after "into"


def test_at_least_is_part_of_a_duration_not_a_preposition(times):
    found = times("The lenders must wait at least 45 days, and the inquiry will take at least several weeks.",
                  "2018-11-20")
    assert {text: (t.type, t.value) for text, t in found.items()} == {
        "at least 45 days": ("DURATION", "P45D"), "at least several weeks": ("DURATION", "PXW")}


# -- dates written outside the US: day first, numeric, ranges, approximate ------------------------------------


@pytest.mark.parametrize(("text", "published", "written", "value"), [
    # a wire story from the Lake Chad basin
    ("MAIDUGURI, Nigeria (Reuters) - On 14 June 2025, insurgents stormed a camp for displaced families outside the "
     "town, residents said.", "2025-06-16", "14 June 2025", "2025-06-14"),
    # a local outlet's brief, headed by its day
    ("27 February: Herders and farmers clashed over grazing land in the valley, leaving two dead.", "2024-03-01",
     "27 February", "2024-02-27"),
    ("01 Oct. Gunmen torched a passenger bus on the highway north of the town.", "2019-10-03", "01 Oct.",
     "2019-10-01"),
    ("03 Aug: Traders shut their stalls in protest at new market levies.", "2019-08-05", "03 Aug", "2019-08-03"),
    ("On 28 Apr 2020, nurses protested outside the district hospital over unpaid wages.", "2020-04-29",
     "28 Apr 2020", "2020-04-28"),
    ("On 5 September 2025, two clan militias signed a truce in a village near the river.", "2025-09-06",
     "5 September 2025", "2025-09-05"),
    # an American local outlet, whose "September 3rd" has no year: the latest such day not after publication
    ("On September 3rd, protesters marched to the governor's office.", "2021-09-10", "September 3rd", "2021-09-03"),
    ("On September 3rd, protesters marched to the governor's office.", "2021-08-20", "September 3rd", "2020-09-03"),
])
def test_day_first_dates_spacy_splits_or_misses(times, text, published, written, value):
    found = times(text, published)
    assert day(found[written]) == ("DATE", value, value, value, DAY)


def test_a_day_first_date_is_not_run_into_the_next_sentence(times):
    found = times("Troops repelled an assault on the base on 25 Aug. Three attackers died.", "2019-08-27")
    assert list(found) == ["25 Aug."]  # not spaCy's "25 Aug. Three"
    assert found["25 Aug."].value == "2019-08-25"


def test_an_approximate_day_stays_a_day(times):
    # a UN agency's statement on Yemen: "Around" hedges the day; it does not widen it to the month
    found = times("Around 3 May 2020, an airstrike hit a clinic in the governorate, the agency said.", "2020-05-06")
    around = found["Around 3 May 2020"]
    assert day(around) == ("DATE", "2020-05-03", "2020-05-03", "2020-05-03", DAY)
    plain = times("On 3 May 2020, an airstrike hit a clinic in the governorate.", "2020-05-06")["3 May 2020"]
    assert around.confidence < plain.confidence


@pytest.mark.parametrize(("text", "published", "written", "value"), [
    # only one reading is a date: 15 is no month
    ("Residents lynched a suspected thief in the estate on 15/04.", "2016-05-16", "15/04", "2016-04-15"),
    ("Youths set fire to a polling station on 21/04/2017 during the primaries.", "2017-04-25", "21/04/2017",
     "2017-04-21"),
    # a note opening on its day
    ("14/02, AM, Kora Forest: soldiers say they killed three fighters after an ambush.", "2018-02-15", "14/02",
     "2018-02-14"),
    ("Protesters burned tyres on 02/02 in the market.", "2019-02-03", "02/02", "2019-02-02"),
])
def test_numeric_dates_read_by_validity(times, text, published, written, value):
    found = times(text, published)
    assert day(found[written]) == ("DATE", value, value, value, DAY)


def test_numeric_dates_follow_the_documents_own_unambiguous_ones(times):
    found = times("Police dispersed protesters on 16/03 and again on 03/04.", "2019-05-01")
    assert found["03/04"].value == "2019-04-03"  # "16/03" writes the day first
    us = times("Police said the shooting on 3/4 followed a fight on 3/15.", "2019-05-01")
    assert us["3/4"].value == "2019-03-04"  # "3/15" writes the month first


def test_numeric_dates_follow_the_country_the_text_names(times):
    kenya = times("A trader was shot dead in Mombasa, Kenya on 03/04.", "2019-05-01")
    assert kenya["03/04"].value == "2019-04-03"
    texas = times("A man was shot in Houston, Texas on 03/04.", "2019-05-01")
    assert texas["03/04"].value == "2019-03-04"
    capital = times("Police fired tear gas at traders in Nairobi on 04/03.", "2019-05-01")
    assert capital["04/03"].value == "2019-03-04"  # a capital names its country; unknown would read 3 April


def test_numeric_dates_follow_the_outlets_country_domain(pipeline):
    def read(url: str) -> pb.TimeValue:
        doc = pipeline.annotate(pb.Document(text="Rioters blocked the road to the market on 04/03.",
                                            published="2019-05-01", url=url), ("dates",))
        (tv,) = doc.get("times")
        return tv

    kenyan = read("https://www.example.co.ke/news/1")
    assert (kenyan.value, kenyan.confidence) == ("2019-03-04", pytest.approx(0.85))
    assert read("https://www.example.com.ph/news/1").value == "2019-04-03"
    unknown = read("https://news.example.com/1")  # nothing says which: the reading nearer publication, unsure
    assert (unknown.value, unknown.confidence) == ("2019-04-03", pytest.approx(0.6))


def test_numbers_that_are_no_dates(times):
    assert times("The shop stays open 24/7 and a 3/4 majority is needed.", "2019-05-01") == {}


def test_ranges_of_days_written_day_first(times):
    found = times("Fighting raged between 1 and 3 May in the hills. Clashes broke out in the settlement between "
                  "9-13 Aug, and riots spread from 11 to 13 Aug. Aid was cut from 30 April - 2 May 2020.",
                  "2020-08-20")
    assert day(found["1 and 3 May"]) == ("DATE", "2020-05-01/2020-05-03", "2020-05-01", "2020-05-03", DAY)
    assert day(found["9-13 Aug"]) == ("DATE", "2020-08-09/2020-08-13", "2020-08-09", "2020-08-13", DAY)
    assert day(found["11 to 13 Aug."]) == ("DATE", "2020-08-11/2020-08-13", "2020-08-11", "2020-08-13", DAY)
    assert day(found["30 April - 2 May 2020"]) == ("DATE", "2020-04-30/2020-05-02", "2020-04-30", "2020-05-02",
                                                   DAY)


def test_a_night_across_two_days_is_the_night_of_the_first(times):
    # an NGO's statement on Ukraine: one night, dated (as TimeML dates "Friday night") by its evening
    found = times("The town was shelled overnight on 3-4 May, the monitors reported.", "2020-05-06")
    night = found["overnight on 3-4 May"]
    assert day(night) == ("TIME", "2020-05-03TNI", "2020-05-03", "2020-05-03", DAY)


@pytest.mark.parametrize(("country", "best", "other"), [("KE", "2019-03-04", "2019-04-03"),
                                                         ("US", "2019-04-03", "2019-03-04"),
                                                         ("PH", "2019-04-03", "2019-03-04")])
def test_normalize_orders_a_numeric_date_by_the_country_hint(pipeline, country, best, other):
    item = pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="04/03/2019",
                            context=pb.NormalizeContext(reference_date="2019-05-01", country_hint=country))
    result = pipeline.normalize_item(item, "items[0]")
    assert result.best.time.value == best
    assert [a.time.value for a in result.alternatives] == [other]
    assert result.best.confidence > result.alternatives[0].confidence


def test_a_participle_the_parser_took_for_the_main_verb_takes_its_conjuncts_tense(times):
    # spaCy parses "intended" as the root and "exploded" as its conjunct; "intend" looks ahead, the
    # explosion is past: 16 July is the day before publication, not next year's
    found = times("On 16th July, an IED intended to target police officers exploded near the market.", "2018-07-17")
    assert found["16th July"].value == "2018-07-16"
