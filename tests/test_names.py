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


def names(text):
    return [(p.family, p.given) for p in split_authors(text) if not p.literal]


def test_apa_lists_pair_each_family_with_its_initials_dotted_or_not():
    assert names("Varkon, O., Du, Y., Tessaly, P-Y., Morrow-Hale, N. & Quint, V.G. (2023).") == [
        ("Varkon", "O."), ("Du", "Y."), ("Tessaly", "P-Y."), ("Morrow-Hale", "N."), ("Quint", "V.G.")]
    assert names("Brandt, A, Olmo, G, Ferrá, M. E") == [("Brandt", "A"), ("Olmo", "G"), ("Ferrá", "M. E")]


def test_semicolons_separate_people_written_family_comma_given():
    assert names("Brandt, A; Olmo, G. M; Ferrá, M. E and Quint, L.") == [
        ("Brandt", "A"), ("Olmo", "G. M"), ("Ferrá", "M. E"), ("Quint", "L.")]
    assert names("TAVARES NETO, U. G.; PRADO, Helena.") == [("TAVARES NETO", "U. G."), ("PRADO", "Helena")]


def test_abnt_capital_family_takes_the_given_name_after_it():
    assert names("PRADO, Helena R., LIMA, J.") == [("PRADO", "Helena R."), ("LIMA", "J.")]


def test_first_author_inverted_then_natural_order():
    assert names("Halvorsen, Dagny, Mirek Olan, and Tove Brask") == [
        ("Halvorsen", "Dagny"), ("Olan", "Mirek"), ("Brask", "Tove")]
    assert names("Halvorsen, Dagny") == [("Halvorsen", "Dagny")]
    assert names("Halvorsen, D., Olan, M.") == [("Halvorsen", "D."), ("Olan", "M.")]


def test_family_before_initials_in_one_piece_and_mixed_forms():
    assert names("Valko M, Dresner Hale Y, Orrin A") == [("Valko", "M"), ("Dresner Hale", "Y"), ("Orrin", "A")]
    assert names("Tessaly J., Varkon, O., & Quint C. E.") == [("Tessaly", "J."), ("Varkon", "O."), ("Quint", "C. E.")]
    assert names("Ross K Maddox and Bo Wu") == [("Maddox", "Ross K"), ("Wu", "Bo")]


def test_a_year_or_status_beside_the_list_is_no_name():
    assert names("Orla Venn. 2006.") == [("Venn", "Orla")]
    assert names("Forthcoming. Orla Venn and Tam Rikard.") == [("Venn", "Orla"), ("Rikard", "Tam")]
    assert names("Valko M, Orrin A. (2014)") == [("Valko", "M"), ("Orrin", "A.")]
    assert names("2019, Orla Venn") == [("Venn", "Orla")]


def test_initials_glued_to_the_family_name():
    assert names("L.Varga, **E.Tessaly**, A.D'Orsi, J.-P.Morel") == [
        ("Varga", "L."), ("Tessaly", "E."), ("D'Orsi", "A."), ("Morel", "J.-P.")]


def test_many_authors_more_are_others():
    people = split_authors("Orla Venn, Tam Rikard and many authors")
    assert [p.display() for p in people] == ["Orla Venn", "Tam Rikard", "others"]


def test_with_line_gives_the_coauthors():
    from pubexport.names import coauthors

    assert coauthors("with Orla Venn, Tam Rikard, and Mirek Olan") == "Orla Venn, Tam Rikard, and Mirek Olan"
    assert coauthors("(joint work with Orla Venn)") == "Orla Venn"
    assert coauthors("with applications to graphs") is None
    assert coauthors("Orla Venn") is None
