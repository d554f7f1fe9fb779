"""Authors read from the citation strings of real academicpages sites."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Person, parse_string

from scholarpages.importer.citations import citation_authors
from scholarpages.importer.publications import bibtex_text, publication_entry, text_of_html
from scholarpages.importer.source_files import parse_jekyll_file

# Citations as written in the _publications items of public academicpages sites (authors'
# own styles: APA, IEEE, Chicago, Vancouver, GB/T 7714, HTML and Markdown emphasis).
REAL = [
    (
        'Adrian Lehmann (2019). &quot;Loop unrolling with non-constant bounds in FIRM". '
        "<i>KIT Bachelor Thesis</i>.",
        ["Adrian Lehmann"],
    ),
    (
        "Feng, W., Liu, S., Shen, H., & Cheng, X. (2019). &quot;CatchCore: Catching Hierarchical "
        "Dense Subtensor&quot;.<i>In European Conference on Machine Learning</i>",
        ["Feng, W.", "Liu, S.", "Shen, H.", "Cheng, X."],
    ),
    (
        "Benjamin Carver, Jingyuan Zhang, Ao Wang, Yue Cheng, (2019). &quot;In Search of a Fast "
        "and Efficient Serverless DAG Engine.&quot; <i>PDSW19</i>.",
        ["Benjamin Carver", "Jingyuan Zhang", "Ao Wang", "Yue Cheng"],
    ),
    (
        "Sungra, Anshul (2019). &quot;Different control strategies for Mobile Robots. &quot;",
        ["Sungra, Anshul"],
    ),
    (
        "C. Jin, Z. Yang, M. van Dijk, and J. Zhou. (2019). &quot;Proof of Aliveness&quot; "
        "<i>Annual Computer Security Applications Conference (ACSAC)</i>.",
        ["C. Jin", "Z. Yang", "M. van Dijk", "J. Zhou"],
    ),
    (
        "Kumar, N., <b>Anand, D.</b>, Verma, R., et.al. and Sethi, A. (2019). &quot;A Multi-organ "
        "Nucleus Segmentation Challenge &quot; <i>Transaction of Medical Imaging</i>, IEEE",
        ["Kumar, N.", "Anand, D.", "Verma, R.", "Sethi, A.", "others"],
    ),
    (
        "Tillet, P., Kung, H. T., &amp; Cox, D. (2019). &quot;Triton: an intermediate language "
        "and compiler for tiled neural network computations.&quot; Proceedings of the 3rd ACM.",
        ["Tillet, P.", "Kung, H. T.", "Cox, D."],
    ),
    (
        "Neftci, E.O., Mostafa, H. &amp; Zenke, F. (2019). &quot;Surrogate Gradient Learning in "
        "Spiking Neural Networks.&quot; <em>IEEE Signal Processing Magazine,</em> 36(6), "
        "51&ndash;63.",
        ["Neftci, E.O.", "Mostafa, H.", "Zenke, F."],
    ),
    (
        "**Zhongqi Wang**, Jie Zhang, Zhilong Ji, Jinfeng Bai, Shiguang Shan. \\n Conference on "
        "International Conference on Multimedia and Expo (ICME), oral, 2023",
        ["Zhongqi Wang", "Jie Zhang", "Zhilong Ji", "Jinfeng Bai", "Shiguang Shan"],
    ),
    (
        "**Xusheng Du**, Yi He, Xi Yang, Chia-Ming Chang, Haoran Xie.",
        ["Xusheng Du", "Yi He", "Xi Yang", "Chia-Ming Chang", "Haoran Xie"],
    ),
    (
        "**S. Huang**, P. Chang, X. Lu, and J. Juang. (2023). &quot;A Satcom On-the-Move "
        "Phased-Array Antenna Tracking Algorithm on Robot Operating System.&quot; <i>IEEE "
        "International Conference on Control, Automation and Systems</i>",
        ["S. Huang", "P. Chang", "X. Lu", "J. Juang"],
    ),
    (
        "**Peng Cheng**, Yuwei Wang, Peng Huang, Zhongjie Ba, Xiaohong Lin, Feng Lin, Li Lu, "
        'Kui Ren. "ALIF: Low-Cost Adversarial Audio Attacks on Black-Box Speech Platforms Using '
        'Linguistic Features." Proceedings',
        [
            "Peng Cheng",
            "Yuwei Wang",
            "Peng Huang",
            "Zhongjie Ba",
            "Xiaohong Lin",
            "Feng Lin",
            "Li Lu",
            "Kui Ren",
        ],
    ),
    (
        "**Wang, E.**, Kosson, A., Mu, T. Deep Action Conditional Neural Network for Frame "
        "Prediction in Atari Games. *Stanford CNNs for Visual Recognition (CS 231N) Project*, "
        "2017",
        ["Wang, E.", "Kosson, A.", "Mu, T."],
    ),
    (
        "**Yu J.D.**, Zhao J.D. (2026). *International Journal for Numerical Methods in "
        "Engineering*, 127(12), e70371.",
        ["Yu, J.D.", "Zhao, J.D."],
    ),
    (
        "***Chan, Junhoong*** and Yu, Bohan and Guo, Heng and Ren, Jieji and Lu, Zongqing and "
        'Shi, Boxin. "ReLeaPS: Reinforcement Learning-based Illumination Planning for '
        'Generalized Photometric Stereo." In International Conference on Computer Vision',
        ["Chan, Junhoong", "Yu, Bohan", "Guo, Heng", "Ren, Jieji", "Lu, Zongqing", "Shi, Boxin"],
    ),
    (
        "**Shan W**, Li Y, Zhang Y, et al. Enhancing Speech Large Language Models with "
        "Prompt-Aware Mixture of Audio Encoders[J]. arXiv preprint arXiv:2502.15178, 2025.",
        ["Shan, W", "Li, Y", "Zhang, Y", "others"],
    ),
    (
        "<b>Khondker Fariha Hossain</b>, Sharif Amit Kamran, Joshua Ong, Andrew G. Lee, "
        "Alireza Tavakkoli",
        [
            "Khondker Fariha Hossain",
            "Sharif Amit Kamran",
            "Joshua Ong",
            "Andrew G. Lee",
            "Alireza Tavakkoli",
        ],
    ),
    (
        '<b>Yun-Rong Luo</b>, Aman Goel, Karem Sakallah, "QSM-Cutoff: Systematic Derivation of '
        'Quantified  Cutoff Formulas for Distributed Protocols.", 2025 International Conference',
        ["Yun-Rong Luo", "Aman Goel", "Karem Sakallah"],
    ),
    (
        '<b>Zheng Tang</b> and Jenq-Neng Hwang. "MOANA: An Online Learned Adaptive Appearance '
        'Model for Robust Multiple Object Tracking in 3D". <i>IEEE Access</i>. vol. 7, no. 1, '
        "pp. 31934-31945. 2019.",
        ["Zheng Tang", "Jenq-Neng Hwang"],
    ),
    (
        "<b>Chen Z</b>, Wang J, Li B, et al. Teacher-Guided Learning for Blind Image Quality "
        "Assessment[C]//Proceedings of the Asian Conference on Computer Vision. 2022: 2457-2474.",
        ["Chen, Z", "Wang, J", "Li, B", "others"],
    ),
    (
        "<b>Zhai Weixin</b>, Kuang Xinran, Cheng Xiaoyu, Pan Jiawen, Wu Caicong. Reconstruction "
        "of missing points in agricultural machinery trajectory based on bidirectional adjacent "
        "information. <i>Computers and Electronics in Agriculture</i>",
        ["Zhai Weixin", "Kuang Xinran", "Cheng Xiaoyu", "Pan Jiawen", "Wu Caicong"],
    ),
    (
        "<b>A. Mollaei Khass</b>, V. Pandey, G. Liu, A. Cosse, E. Bayrak, and N. Motee. (2026). "
        "&quot;Multi-Agent Next-Best-View Optimization for Risk-Averse Planning.&quot; "
        "<i>Preprint</i>. arXiv:2606.04158.",
        ["A. Mollaei Khass", "V. Pandey", "G. Liu", "A. Cosse", "E. Bayrak", "N. Motee"],
    ),
    (
        "<b>Lantao Yu</b>, Jiaming Song, Stefano Ermon. <i>The 36th International Conference on "
        "Machine Learning</i>. <b>ICML 2019</b>.",
        ["Lantao Yu", "Jiaming Song", "Stefano Ermon"],
    ),
    (
        "<b>Quantao Yang</b>, Johannes Andreas Stork, and Todor Stoyanov. <i>NeurIPS 2021 "
        "Workshop on Deployable Decision Making in Embodied Systems (DDM)</i>.",
        ["Quantao Yang", "Johannes Andreas Stork", "Todor Stoyanov"],
    ),
    (
        "<b>Zheng Tang</b>, Gaoang Wang, Hao Xiao, Aotian Zheng and Jenq-Neng Hwang. "
        '"Single-Camera and Inter-Camera Vehicle Tracking and 3D Speed Estimation". <i>CVPR '
        "Workshops</i>",
        ["Zheng Tang", "Gaoang Wang", "Hao Xiao", "Aotian Zheng", "Jenq-Neng Hwang"],
    ),
    ("<b>Yiming Zuo</b>, Jia Deng", ["Yiming Zuo", "Jia Deng"]),
    (
        "Aguzzi, Gianluca, Magnini, Matteo, Ferretti, Stefano, Salcuni, Giuseppe Pio, Montagna, "
        "Sara. (2024). &quot;Applying Retrieval-Augmented Generation on Open LLMs for a Medical "
        "Chatbot Supporting Hypertensive Patients&quot;, 3880.",
        [
            "Aguzzi, Gianluca",
            "Magnini, Matteo",
            "Ferretti, Stefano",
            "Salcuni, Giuseppe Pio",
            "Montagna, Sara",
        ],
    ),
    (
        "L.Giani and E. Frion. &quot;Testing the Equivalence Principle with strong lensing time "
        "delay variations.&quot; <i>JCAP 09 (2020) 008</i>",
        ["L. Giani", "E. Frion"],
    ),
    (
        "Mrowca, D.\\*, Zhuang, C.\\*, **Wang, E.\\***, Haber, N., Fei-Fei, L., Tenenbaum, J.B., "
        "Yamins, D. (2018). Flexible Neural Representation for Physics Prediction.",
        [
            "Mrowca, D.",
            "Zhuang, C.",
            "Wang, E.",
            "Haber, N.",
            "Fei-Fei, L.",
            "Tenenbaum, J.B.",
            "Yamins, D.",
        ],
    ),
    (  # as written but for the last author's initial, which the site left out
        "Kiss, D., Moulas, E., Kaus, B.J.P, & Spang, A. (2023). &quot;Decompression and "
        "Fracturing Caused by Magmatically Induced Thermal Stresses.&quot;",
        ["Kiss, D.", "Moulas, E.", "Kaus, B.J.P", "Spang, A."],
    ),
    (
        "Your Name, You. (2009). &quot;Paper Title Number 1.&quot; <i>Journal 1</i>. 1(1).",
        ["Your Name, You"],
    ),
]

STYLES = [
    (
        "<b>Ann Alpha</b>, Bo Beta, Cy Gamma. (2015). &quot;A title.&quot; <i>Proc. R. Soc. B</i>",
        ["Ann Alpha", "Bo Beta", "Cy Gamma"],
    ),
    (
        "Alpha, A., Beta, B., & Gamma, C. (2015). Title. Venue.",
        ["Alpha, A.", "Beta, B.", "Gamma, C."],
    ),
    (
        "Alpha, A., Beta, B., Gamma, C., Delta, D. (2015). Title. Venue.",
        ["Alpha, A.", "Beta, B.", "Gamma, C.", "Delta, D."],
    ),
    ('A. Alpha, B. Beta, and C. Gamma, "Title," Venue, 2015.', ["A. Alpha", "B. Beta", "C. Gamma"]),
    (
        'Alpha, Ann, Bo Beta, and Cy Gamma. "Title." Venue 3 (2015): 1-2.',
        ["Alpha, Ann", "Bo Beta", "Cy Gamma"],
    ),
    (
        "A. Alpha, B. Beta and C. Gamma. Deep Learning for Cats. Nature, 2015.",
        ["A. Alpha", "B. Beta", "C. Gamma"],
    ),
    ("Alpha, A., Beta, B. Deep Learning. Nature.", ["Alpha, A.", "Beta, B."]),
    (
        "Alpha*, A., Beta*, B. and Gamma†, C. (2020). Title.",
        ["Alpha, A.", "Beta, B.", "Gamma, C."],
    ),
    ("**Alpha, A.**, Beta, B. (2020). Title.", ["Alpha, A.", "Beta, B."]),
    ("Alpha, A., et al. (2020). Title.", ["Alpha, A.", "others"]),
    ("Alpha A, Beta BC. Title. Venue 2020.", ["Alpha, A", "Beta, BC"]),
    ("Émilie Du Châtelet and Ada Lovelace (1843). Notes.", ["Émilie Du Châtelet", "Ada Lovelace"]),
    ("Accepted at NeurIPS 2020, with code.", []),
    # Only the journal and the year: no names (ChandlerLutz.github.io writes them so).
    ("<b>Review of Financial Studies</b>, 2021", []),
    ("<b>Macroeconomic Dynamics</b>, 2016", []),
    ("Economics Letters, 2016", []),
    ("<b>Applied Economics</b>, 2019", []),
    ("Nature, 2020", []),
    # A last author's initials left out (arnespang.github.io).
    ("Kiss, D., Moulas, E., & Spang. (2023). Title.", ["Kiss, D.", "Moulas, E.", "Spang"]),
    ("Kerner, NA., Cohen, D. (2024). Title.", ["Kerner, NA.", "Cohen, D."]),
    ("Ann Alpha, 2020", []),
    ("", []),
]


@pytest.mark.parametrize(("citation", "authors"), REAL + STYLES)
def test_authors_of_citations(citation: str, authors: list[str]) -> None:
    assert citation_authors(citation) == authors


def test_the_table_holds_enough_real_citations() -> None:
    assert len(REAL) >= 25


_CITATION_PARTS = st.sampled_from(
    [
        "Alpha, A.",
        "A. Alpha",
        "Ann Alpha",
        "<b>Ann Alpha</b>",
        "**Alpha, A.**",
        "*",
        "†",
        ", ",
        " and ",
        " & ",
        "&amp;",
        "&quot;",
        "et al.",
        "(2015)",
        ". ",
        '"',
        "{",
        "}",
        "\\",
        ",,",
        "van",
        "Jr.",
        "J.-P.",
        "<i>Venue</i>",
        "%",
        "~",
        "Zhang Y",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_CITATION_PARTS, st.text(max_size=8)), max_size=14).map("".join))
def test_any_citation_gives_names_pybtex_reads(citation: str) -> None:
    names = citation_authors(citation)
    for name in names:
        assert Person(name).last_names or name == "others", name
    if names:
        bib = parse_string(f"@misc{{k, author = {{{' and '.join(names)}}}}}", "bibtex")
        assert len(bib.entries["k"].persons["author"]) == len(names)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_CITATION_PARTS, st.text(max_size=8)), max_size=14).map("".join))
def test_any_citation_makes_an_entry_that_reads_back(citation: str) -> None:
    front_matter = yaml.safe_dump({"title": "T", "date": "2020-01-01", "citation": citation})
    raw = f"---\n{front_matter}---\n\nBody.\n".encode()
    item = parse_jekyll_file(Path("_publications/t.md"), "_publications/t.md", raw)
    entry, notes = publication_entry(item, "t", {})
    bib = parse_string(bibtex_text({"t": entry}), "bibtex")
    read = bib.entries["t"]
    assert len(read.persons.get("author", [])) == len(entry.persons.get("author", []))
    assert not (read.persons.get("author") and read.fields.get("citation"))  # one or the other
    if text_of_html(citation) and not read.persons.get("author"):
        assert "authors could not be read" in " ".join(notes)
