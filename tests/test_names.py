"""Author lists: split right, markers gone, names kept as written."""
from pubexport.models import OTHERS, Person
from pubexport.names import looks_like_authors, parse_name, split_authors


def test_commas_and_final_and_with_markers_and_et_al():
    people = split_authors("Lele Chen*, **Ana Li*** (***Equal Contribution**), Ross K Maddox, and Bo Wu, et al.")
    assert [p.display() for p in people] == ["Lele Chen", "Ana Li", "Ross K Maddox", "Bo Wu", "others"]
    assert people[-1] is OTHERS


def test_initials_stay_initials():
    assert split_authors("B. Zhang, Y. Ge, and Y. Shan") == [
        Person(family="Zhang", given="B."), Person(family="Ge", given="Y."), Person(family="Shan", given="Y.")]


def test_apa_inverted_names_pair_family_with_initials():
    assert split_authors("Weber, J., & Lund, P. K.") == [Person(family="Weber", given="J."),
                                                         Person(family="Lund", given="P. K.")]


def test_particles_stay_with_the_family_name():
    assert parse_name("Ludwig van der Berg") == Person(family="van der Berg", given="Ludwig")


def test_author_list_versus_title():
    assert looks_like_authors("Geemi P. Wellawatte, Heta A. Gandhi and Andrew D. White")
    assert not looks_like_authors("Deep Grouping Model for Unified Perceptual Parsing")


def test_repeated_author_lists_give_fresh_people_each_time():
    first = split_authors("Ann Lee and Bo Wu")
    first[0].family = "Changed"
    assert split_authors("Ann Lee and Bo Wu") == [Person(family="Lee", given="Ann"), Person(family="Wu", given="Bo")]


def test_capitalised_title_words_are_not_several_names():
    from pubexport.names import looks_like_several_names

    assert looks_like_several_names("Ann Lee and Bo Wu")
    assert looks_like_several_names("Á. Masnin")
    assert looks_like_several_names("Weber, J., & Lund, P. K.")
    assert not looks_like_several_names("Neural Radiance Fields")
    assert not looks_like_several_names("Pose Tracking and Segmentation")
