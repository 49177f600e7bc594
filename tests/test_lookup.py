"""Actors and topics are found by id, name or alias, in any case; near misses get a suggestion."""

from __future__ import annotations

import pytest

from checking import FIXTURE, edited
from stancediff.analysis.select import find_actor, find_topic
from stancediff.errors import UnknownId
from stancediff.format.dataset import read_texts

DATASET = read_texts(FIXTURE).dataset


@pytest.mark.parametrize("wanted", ["mayor", "Mayor", "MAYOR of the city", "ana ruiz", " Ana Ruiz "])
def test_an_actor_by_id_name_or_alias(wanted: str) -> None:
    assert find_actor(DATASET, wanted).id == "mayor"


def test_a_topic_by_title() -> None:
    assert find_topic(DATASET, "weekend CHARGE").id == "weekend-charge"


def test_a_part_of_a_name_suggests_the_one_actor_it_fits() -> None:
    with pytest.raises(UnknownId, match='no actor "shopkeeper"; did you mean "shopkeepers"'):
        find_actor(DATASET, "shopkeeper")
    with pytest.raises(UnknownId, match='no actor "town"; did you mean "shopkeepers"'):
        find_actor(DATASET, "town")  # in its name: Old Town Shopkeepers' Association


def test_a_name_shared_by_two_actors_lists_both() -> None:
    twin = edited("actors/lena-park.yaml", "name: Lena Park", "name: Lena Park\naliases: [Ana Ruiz]")
    with pytest.raises(UnknownId) as raised:
        find_actor(read_texts(twin).dataset, "ana ruiz")
    assert str(raised.value) == (
        '"ana ruiz" names 2 actors: lena-park (Lena Park), mayor (Mayor of the city); give an id'
    )


def test_a_part_shared_by_several_lists_them() -> None:
    with pytest.raises(UnknownId, match=r"topics that match: congestion-charge \(Congestion charge\), weekend-charge"):
        find_topic(DATASET, "charge")


def test_nothing_like_it_lists_the_ids() -> None:
    with pytest.raises(UnknownId, match=r"no actor \"zzz\"; the actors are: lena-park \(Lena Park\), mayor"):
        find_actor(DATASET, "zzz")


@pytest.mark.parametrize("wanted", ["Zoe Brandt", "zoë brandt", "ZOE", "Zoë", "ｚｏｅ"])
def test_lookup_ignores_accents_and_width_as_search_does(wanted: str) -> None:
    dataset = read_texts(edited("actors/lena-park.yaml", "name: Lena Park", "name: Zoë Brandt\naliases: [Zoë]")).dataset
    assert find_actor(dataset, wanted).id == "lena-park"
