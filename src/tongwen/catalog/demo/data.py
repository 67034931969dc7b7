"""The demo collection: sample records of real works, held by the demo institutions.

Golden rule, as for the agreements demo: nothing invented is shown as fact.

* Work-level facts are true and as commonly catalogued: the title in traditional characters,
  its simplified form, an English title in common use, the authors with their dynasties, the
  number of juan (卷), and dates of composition only where they are well established. Where a
  fact was not certain it was left out (blank field), never guessed.
* What a demo institution HOLDS cannot be checked here, so every record is a SAMPLE record:
  its description says so in English and Chinese (SAMPLE_NOTE), its call number is
  "SAMPLE-nnnn", and its images are generated pictures stamped "SAMPLE IMAGE"
  (see ``pictures.py``). A date of printing given for a sample copy ("清乾隆四十年") describes
  the sample, not a known copy.
* The exception: objects whose holder is famous and certain (清明上河圖 at the Palace Museum,
  the Wenjin Pavilion copy of the Siku Quanshu at the National Library of China) are said to
  be held there (HELD_NOTE); the images are still generated samples.
* Ties to agreements and initiatives are made only where a source report supports them: each
  tie names the sentence, quoted verbatim from ``tongwen/agreements/demo/sources`` (LINKS;
  a test checks every quotation against the source text).

Language values are language maps ({"zh-Hant": ..., "zh-Hans": ..., "en": ...}); periods are
codes of ``tongwen.catalog.periods``; rights are ``tongwen.catalog.models.Rights`` values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tongwen.catalog.models import Resource, Rights

LanguageMap = dict[str, str]

SAMPLE_NOTE: LanguageMap = {
    "en": (
        "Sample record. The facts about the work (title, authors, dynasty, juan) are as "
        "commonly catalogued; the copy described here, its call number, its date of printing "
        "and its images are demonstration data, not a statement about a real holding. The "
        "images are generated pictures, not photographs."
    ),
    "zh-Hans": (
        "示例记录。作品信息（题名、著者、朝代、卷数）依通行著录；此处所述藏本、索书号、"
        "刊印年代与图像均为演示数据，并非对实际馆藏的陈述。图像为程序生成，并非照片。"
    ),
}
HELD_NOTE: LanguageMap = {
    "en": (
        "Sample record. The work is held by the institution named as holder; this record's "
        "call number and images are demonstration data. The images are generated pictures, "
        "not photographs of the work."
    ),
    "zh-Hans": (
        "示例记录。作品确为所列收藏机构所藏；本记录的索书号与图像为演示数据。图像为程序生成，"
        "并非作品照片。"
    ),
}
#: The words every demo description carries, in each language (tests look for them).
SAMPLE_MARKERS: LanguageMap = {"en": "Sample record", "zh-Hans": "示例记录"}


# --------------------------------------------------------------------------------------------
# Ties to agreements and initiatives, each with the sentence of the source report that
# supports it ("source" is a key of tongwen.agreements.demo.data.SOURCES).

LINKS: dict[str, dict[str, Any]] = {
    # NLC ancient books shared with Beijing Publishing Group (agreement commitment 1).
    "nlc-bpg-sharing": {
        "agreement": "nlc-bpg-2021",
        "initiative": None,
        "source": "nlc-bpg",
        "evidence": (
            "First, both side would promote cooperative development and sharing of resources, "
            "make use of their resources, and achieve mutual benefit by creating products and "
            "activities aimed at the core users of both sides."
        ),
    },
    # Classics the two sides may republish (commitment 2).
    "nlc-bpg-classics": {
        "agreement": "nlc-bpg-2021",
        "initiative": None,
        "source": "nlc-bpg",
        "evidence": (
            "Second, both side should cooperate on innovative publishing of cultural classics, "
            "make use of the NLC's rich collections, deeply explore the connotation of the "
            "classics."
        ),
    },
    # Books about Beijing, offered as the kind of material of the "Beijing Ancient Books
    # Database". The report names the database but not its contents: this tie is a sample.
    "beijing-ancient-books-database": {
        "agreement": "nlc-bpg-2021",
        "initiative": "beijing-ancient-books-database",
        "source": "nlc-bpg",
        "evidence": (
            "Both sides had made certain achievements on the cooperative research and "
            'development of "Beijing Ancient Books Database"'
        ),
    },
    # Works of ancient science and technology the NLC and the CSTM may present (area 1).
    "nlc-cstm-science": {
        "agreement": "nlc-lsc-cstm-2021",
        "initiative": None,
        "source": "nlc-lsc-cstm",
        "evidence": (
            "First, both sides would jointly hold exhibitions, actively provide featured science "
            "popularization products and services, publicize and popularize ancient and modern "
            "scientific and cultural achievements to the public."
        ),
    },
    # Literature resources the NLC and the CSTM share and may publish together (area 4).
    "nlc-cstm-literature": {
        "agreement": "nlc-lsc-cstm-2021",
        "initiative": None,
        "source": "nlc-lsc-cstm",
        "evidence": (
            "Fourth, both sides would strengthen the sharing and cooperative publishing of "
            "literature resources, and create a social atmosphere of nationwide reading and "
            "advocating science."
        ),
    },
    # CSTM exhibition resources for the county-library tour exhibition.
    "cstm-tour-exhibition": {
        "agreement": "nlc-lsc-cstm-2021",
        "initiative": "lsc-cstm-tour-exhibition-14fyp",
        "source": "nlc-lsc-cstm",
        "evidence": (
            "integrate the existing high-quality exhibition and education resources of the "
            "physical science and technology museums and online resources of the digital museums"
        ),
    },
    # NLC collections behind IP and creative-product development with the Shanghai FTZ.
    "nlc-shftz-collections": {
        "agreement": "nlc-shftz-2018",
        "initiative": None,
        "source": "nlc-shftz",
        "evidence": (
            "This cooperation, based on the National Library's rich collections and strong "
            "literature mining capacity, and Shanghai FTZ's preferential policies and solid "
            "cultural industrial foundation, is expected to build a closer tie between national "
            "cultural resources and further promote the inheritance and development of Chinese "
            "culture."
        ),
    },
    # Palace Museum works for the going-global project with the Foreign Languages Bureau.
    "dpm-going-global": {
        "agreement": "cflb-dpm",
        "initiative": "going-global-traditional-culture",
        "source": "cflb-dpm",
        "evidence": (
            "fully explore the high-quality resources of the Palace Museum in the field of "
            "cultural communication"
        ),
    },
    # Prince Kung's Palace Museum content for the 40th anniversary, with Beijing News.
    "pkpm-anniversary": {
        "agreement": "pkpm-bjnews-2023",
        "initiative": "pkpm-40th-anniversary-content",
        "source": "pkpm-bjnews",
        "evidence": (
            "After the signing ceremony, the two parties held a meeting to discuss how museum "
            "professionals and journalists can join forces to explore the historical and "
            "cultural significance behind the cultural relics, and provide the public with "
            "abundant cultural content in various forms, in celebration of the 40th "
            "anniversary of the founding of the museum."
        ),
    },
    "pkpm-media": {
        "agreement": "pkpm-bjnews-2023",
        "initiative": None,
        "source": "pkpm-bjnews",
        "evidence": (
            "The museum will make full use of the various channels of Beijing News to "
            "distribute its rich cultural resources and communicate with the public, including "
            "its newspaper, website, and mobile application."
        ),
    },
}


# --------------------------------------------------------------------------------------------
# Pictures: the style drawn by pictures.py, how many, their size at scale 1 (width, height),
# and how their labels read ("juan": 第一冊 卷一; "hui": 第一回; "leaf": 第一葉; "section":
# 第一段; "sheet": 全幅 then 局部; "map": 全圖; "photo": 照片一; "panel": 展板一;
# "cover": 封面).

BOOK = (1800, 1240)
RUBBING = (1000, 1700)
PHOTO = (2100, 1400)
PANEL = (2100, 1400)


def _book(count: int, label: str = "juan") -> dict[str, Any]:
    return {"style": "book_page", "count": count, "size": BOOK, "label": label}


def _rubbing(count: int = 1, size: tuple[int, int] = RUBBING, **options: Any) -> dict[str, Any]:
    return {"style": "rubbing", "count": count, "size": size, "label": "sheet", "options": options}


def _person(hant: str, hans: str, en: str, period: str, role: str = "author") -> dict[str, Any]:
    name = {"zh-Hant": hant, "zh-Hans": hans, "en": en} if hant else {"en": en}
    return {"name": name, "role": role, "period": period}


def _title(hant: str, hans: str, en: str) -> LanguageMap:
    return {"zh-Hant": hant, "zh-Hans": hans, "en": en}


CLASSICAL = {"languages": ["lzh"], "script": "Hant"}


# --------------------------------------------------------------------------------------------
# Resources. "about" holds the facts about the work; the loader appends SAMPLE_NOTE (or
# HELD_NOTE when "held_for_certain" is true) to make the description.

RESOURCES: list[dict[str, Any]] = [
    # ====================================================== National Library of China: books
    {
        "slug": "shiji",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("史記", "史记", "Records of the Grand Historian"),
        "alt_titles": ["太史公書", "Shiji"],
        "creators": [_person("司馬遷", "司马迁", "Sima Qian", "western-han")],
        "date_written": "清乾隆四十年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 130,
        "subjects": ["史部 正史類"],
        **CLASSICAL,
        "about": {
            "en": (
                "A general history of China from the Yellow Emperor to Emperor Wu of Han, "
                "written by Sima Qian in the late 2nd and early 1st centuries BC: 130 juan of "
                "12 basic annals, 10 tables, 8 treatises, 30 hereditary houses and 70 "
                "biographies. The first of the Twenty-Four Histories."
            ),
            "zh-Hans": (
                "西汉司马迁撰，记黄帝至汉武帝时事的纪传体通史，凡一百三十卷：本纪十二、表十、"
                "书八、世家三十、列传七十。二十四史之首。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing", "nlc-bpg-classics"],
        "pictures": _book(3),
    },
    {
        "slug": "hanshu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("漢書", "汉书", "Book of Han"),
        "alt_titles": ["前漢書", "History of the Former Han"],
        "creators": [
            _person("班固", "班固", "Ban Gu", "eastern-han"),
            _person("班昭", "班昭", "Ban Zhao", "eastern-han", "contributor"),
        ],
        "date_written": "明萬曆間",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 100,
        "subjects": ["史部 正史類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The history of the Western Han dynasty by Ban Gu, completed after his death by "
                "his sister Ban Zhao: 100 juan of 12 annals, 8 tables, 10 treatises and 70 "
                "biographies."
            ),
            "zh-Hans": (
                "东汉班固撰，其妹班昭续成。记西汉一代史事，凡一百卷：纪十二、表八、志十、传七十。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": _book(2),
    },
    {
        "slug": "sanguozhi",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("三國志", "三国志", "Records of the Three Kingdoms"),
        "creators": [
            _person("陳壽", "陈寿", "Chen Shou", "western-jin"),
            _person("裴松之", "裴松之", "Pei Songzhi", "liu-song", "commentator"),
        ],
        "date_written": "清乾隆四年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 65,
        "subjects": ["史部 正史類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The history of the Three Kingdoms by Chen Shou of the Western Jin, in 65 juan "
                "(Book of Wei 30, Book of Shu 15, Book of Wu 20), with the commentary Pei "
                "Songzhi presented in 429."
            ),
            "zh-Hans": (
                "西晋陈寿撰，凡六十五卷：魏书三十、蜀书十五、吴书二十。南朝宋裴松之于元嘉六年"
                "（429）上注。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": _book(2),
    },
    {
        "slug": "zizhi-tongjian",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("資治通鑑", "资治通鉴", "Comprehensive Mirror in Aid of Governance"),
        "alt_titles": ["Zizhi Tongjian"],
        "creators": [_person("司馬光", "司马光", "Sima Guang", "northern-song", "compiler")],
        "date_written": "清嘉慶",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 294,
        "subjects": ["史部 編年類"],
        **CLASSICAL,
        "about": {
            "en": (
                "A chronicle of Chinese history from 403 BC to AD 959 in 294 juan, compiled "
                "under Sima Guang and presented to the throne in 1084."
            ),
            "zh-Hans": (
                "北宋司马光主编的编年体通史，凡二百九十四卷，起战国周威烈王二十三年（前403），"
                "迄五代后周显德六年（959），元丰七年（1084）成书进呈。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing", "nlc-bpg-classics"],
        "pictures": _book(3),
    },
    {
        "slug": "bencao-gangmu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("本草綱目", "本草纲目", "Compendium of Materia Medica"),
        "alt_titles": ["Bencao Gangmu"],
        "creators": [_person("李時珍", "李时珍", "Li Shizhen", "ming")],
        "date_written": "明萬曆二十一年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 52,
        "subjects": ["子部 醫家類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Li Shizhen's pharmacopoeia in 52 juan, describing 1,892 drugs; completed in "
                "1578 and first printed at Nanjing (the Jinling edition) in 1593."
            ),
            "zh-Hans": (
                "明李时珍撰，凡五十二卷，收药一千八百九十二种。万历六年（1578）成书，"
                "万历二十一年（1593）始刻于金陵（金陵本）。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science", "nlc-cstm-literature", "nlc-shftz-collections"],
        "pictures": _book(3),
    },
    {
        "slug": "tiangong-kaiwu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("天工開物", "天工开物", "The Exploitation of the Works of Nature"),
        "alt_titles": ["Tiangong Kaiwu"],
        "creators": [_person("宋應星", "宋应星", "Song Yingxing", "ming")],
        "date_written": "明崇禎十年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 3,
        "extent_note": {"zh-Hans": "三卷十八篇", "en": "3 juan in 18 chapters"},
        "subjects": ["農業", "手工業", "technology"],
        **CLASSICAL,
        "about": {
            "en": (
                "Song Yingxing's illustrated account of agriculture and crafts, in 3 juan of 18 "
                "chapters, first printed in 1637 by Tu Shaokui."
            ),
            "zh-Hans": "明宋应星撰，三卷十八篇，附图，记农业与手工业技术。崇祯十年（1637）涂绍煃初刻。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science", "nlc-cstm-literature"],
        "pictures": _book(3),
    },
    {
        "slug": "yongle-dadian-sample-volume",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("永樂大典", "永乐大典", "Yongle Encyclopedia"),
        "alt_titles": ["Yongle Dadian"],
        "creators": [
            _person("解縉", "解缙", "Xie Jin", "ming", "compiler"),
            _person("姚廣孝", "姚广孝", "Yao Guangxiao", "ming", "compiler"),
        ],
        # The surviving volumes are mostly of the Jiajing-era copy, made 1562–1567.
        "date_written": "明嘉靖隆慶間",
        "year_from": 1562,
        "year_to": 1567,
        "period": "ming",
        "edition": Resource.Edition.MANUSCRIPT,
        "extent_volumes": 1,
        "subjects": ["類書"],
        **CLASSICAL,
        "about": {
            "en": (
                "The great Ming encyclopedia, completed in 1408: 22,877 juan of text and 60 juan "
                "of contents in 11,095 volumes. Most surviving volumes belong to the copy made "
                "in the Jiajing reign (1562–1567). This record stands for a single volume."
            ),
            "zh-Hans": (
                "明永乐六年（1408）成书的大型类书，正文二万二千八百七十七卷，凡例目录六十卷，"
                "装成一万一千零九十五册。今存者多为嘉靖、隆庆间（1562—1567）重录的副本。"
                "本记录表示其中一册。"
            ),
        },
        "rights": Rights.NOC_NC,
        "visibility": Resource.Visibility.PARTNERS,
        "links": ["nlc-bpg-sharing"],
        "pictures": _book(2, "leaf"),
    },
    {
        "slug": "siku-quanshu-wenjin",
        "holder": "nlc",
        "held_for_certain": True,
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title(
            "四庫全書（文津閣本）",
            "四库全书（文津阁本）",
            "Complete Library of the Four Treasuries (Wenjin Pavilion copy)",
        ),
        "alt_titles": ["Siku Quanshu"],
        "creators": [_person("紀昀", "纪昀", "Ji Yun", "qing", "editor")],
        "date_written": "清乾隆",
        "edition": Resource.Edition.MANUSCRIPT,
        "subjects": ["叢書"],
        **CLASSICAL,
        "about": {
            "en": (
                "The imperial manuscript library compiled under the Qianlong emperor from 1773, "
                "arranged in the four divisions of classics, histories, masters and collections; "
                "seven sets were copied. The set made for the Wenjin Pavilion at the Chengde "
                "Mountain Resort is held by the National Library of China."
            ),
            "zh-Hans": (
                "清乾隆三十八年（1773）起纂修的大型丛书，分经、史、子、集四部，缮写七部。"
                "原藏承德避暑山庄文津阁的一部今藏中国国家图书馆。"
            ),
        },
        "rights": Rights.NOC_NC,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing", "nlc-shftz-collections"],
        "pictures": _book(2, "leaf"),
    },
    {
        "slug": "hongloumeng-chengjia",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("紅樓夢", "红楼梦", "Dream of the Red Chamber"),
        "alt_titles": ["石頭記", "程甲本", "The Story of the Stone"],
        "creators": [
            _person("曹雪芹", "曹雪芹", "Cao Xueqin", "qing"),
            _person("高鶚", "高鹗", "Gao E", "qing", "editor"),
            _person("程偉元", "程伟元", "Cheng Weiyuan", "qing", "publisher"),
        ],
        "date_written": "清乾隆五十六年",
        "edition": Resource.Edition.MOVABLE_TYPE,
        "edition_note": {
            "zh-Hans": "萃文书屋木活字本（程甲本）",
            "en": "Wooden movable-type edition of the Cuiwen Shuwu (the Cheng A edition)",
        },
        "extent_note": {"zh-Hans": "一百二十回", "en": "120 chapters"},
        "subjects": ["集部 小說"],
        **CLASSICAL,
        "about": {
            "en": (
                "Cao Xueqin's novel in 120 chapters, first printed in 1791 with wooden movable "
                "type by Cheng Weiyuan and Gao E (the Cheng A edition)."
            ),
            "zh-Hans": (
                "清曹雪芹著长篇小说，一百二十回。乾隆五十六年（1791）程伟元、高鹗以木活字"
                "初次排印，世称程甲本。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _book(3, "hui"),
    },
    {
        "slug": "shuijingzhu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("水經注", "水经注", "Commentary on the Water Classic"),
        "alt_titles": ["Shuijing Zhu"],
        "creators": [_person("酈道元", "郦道元", "Li Daoyuan", "northern-wei")],
        "date_written": "清乾隆三十九年",
        "edition": Resource.Edition.MOVABLE_TYPE,
        "extent_juan": 40,
        "subjects": ["史部 地理類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Li Daoyuan's commentary on the Classic of Waterways, in 40 juan: a geography "
                "of China's rivers and of the places, history and legends along them."
            ),
            "zh-Hans": "北魏郦道元撰，凡四十卷，为《水经》作注，记河道水系及沿岸地理、史事与传说。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": _book(2),
    },
    {
        "slug": "mengxi-bitan",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("夢溪筆談", "梦溪笔谈", "Dream Pool Essays"),
        "alt_titles": ["Mengxi Bitan"],
        "creators": [_person("沈括", "沈括", "Shen Kuo", "northern-song")],
        "date_written": "明崇禎",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 26,
        "extent_note": {
            "zh-Hans": "二十六卷；另有补笔谈三卷、续笔谈一卷",
            "en": "26 juan, with 3 juan of supplements and 1 juan of continuation",
        },
        "subjects": ["子部 雜家類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Shen Kuo's notes on science, technology, history and the arts, in 26 juan. "
                "They hold the earliest account of Bi Sheng's movable type and describe the "
                "magnetic needle compass."
            ),
            "zh-Hans": (
                "北宋沈括撰笔记，二十六卷，涉及自然科学、技术、史事与艺文。书中记毕昇活字印刷术，"
                "为现存最早的记载，并记指南针。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science", "nlc-cstm-literature"],
        "pictures": _book(2),
    },
    {
        "slug": "qimin-yaoshu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title(
            "齊民要術", "齐民要术", "Essential Techniques for the Welfare of the People"
        ),
        "alt_titles": ["Qimin Yaoshu"],
        "creators": [_person("賈思勰", "贾思勰", "Jia Sixie", "northern-wei")],
        "date_written": "明",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 10,
        "extent_note": {"zh-Hans": "十卷九十二篇", "en": "10 juan in 92 chapters"},
        "subjects": ["子部 農家類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Jia Sixie's treatise on farming, herding and food, in 10 juan of 92 chapters: "
                "the oldest complete Chinese agricultural work that survives."
            ),
            "zh-Hans": "北魏贾思勰撰农书，十卷九十二篇，是现存最早的完整农书。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science"],
        "pictures": _book(2),
    },
    {
        "slug": "chuci-zhangju",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("楚辭章句", "楚辞章句", "Songs of Chu (Chuci Zhangju)"),
        "alt_titles": ["楚辭", "Chuci"],
        "creators": [
            _person("屈原", "屈原", "Qu Yuan", "warring-states"),
            _person("劉向", "刘向", "Liu Xiang", "western-han", "compiler"),
            _person("王逸", "王逸", "Wang Yi", "eastern-han", "commentator"),
        ],
        "date_written": "明",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 17,
        "subjects": ["集部 楚辭類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The anthology of Chu poetry headed by Qu Yuan's works, gathered by Liu Xiang, "
                "in Wang Yi's annotated edition of 17 juan."
            ),
            "zh-Hans": "以屈原作品为主的楚地诗歌总集，西汉刘向辑，东汉王逸作章句，十七卷。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _book(2),
    },
    {
        "slug": "maoshi",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("毛詩", "毛诗", "Classic of Poetry (Mao recension)"),
        "alt_titles": ["詩經", "Shijing", "Book of Songs"],
        "creators": [_person("鄭玄", "郑玄", "Zheng Xuan", "eastern-han", "commentator")],
        "date_written": "清",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_note": {"zh-Hans": "诗三百零五篇", "en": "305 poems"},
        "subjects": ["經部 詩類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The oldest collection of Chinese poetry, 305 poems in the sections Airs of the "
                "States, Lesser and Greater Odes and Hymns, in the Mao text with Zheng Xuan's "
                "commentary."
            ),
            "zh-Hans": "中国最早的诗歌总集，三百零五篇，分风、小雅、大雅、颂。此为毛诗，附东汉郑玄笺。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _book(2, "leaf"),
    },
    {
        "slug": "lunyu-jizhu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("論語集注", "论语集注", "Collected Commentaries on the Analects"),
        "alt_titles": ["論語", "Analects"],
        "creators": [_person("朱熹", "朱熹", "Zhu Xi", "southern-song", "commentator")],
        "date_written": "清",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 10,
        "subjects": ["經部 四書類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The sayings of Confucius and his disciples, in 20 chapters, with Zhu Xi's "
                "commentary in 10 juan, part of his Collected Commentaries on the Four Books."
            ),
            "zh-Hans": "记孔子及其弟子言行，二十篇。南宋朱熹集注，十卷，为《四书章句集注》之一。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _book(2),
    },
    {
        "slug": "sunzi",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("孫子", "孙子", "The Art of War"),
        "alt_titles": ["孫子兵法", "Sunzi Bingfa"],
        "creators": [_person("孫武", "孙武", "Sun Wu (Sunzi)", "spring-autumn")],
        "date_written": "明",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_note": {"zh-Hans": "十三篇", "en": "13 chapters"},
        "subjects": ["子部 兵家類"],
        **CLASSICAL,
        "about": {
            "en": "The treatise on strategy attributed to Sun Wu, in 13 chapters.",
            "zh-Hans": "旧题春秋孙武撰兵书，凡十三篇。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _book(1, "leaf"),
    },
    {
        "slug": "jiuzhang-suanshu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("九章算術", "九章算术", "The Nine Chapters on the Mathematical Art"),
        "alt_titles": ["Jiuzhang Suanshu"],
        "creators": [
            _person("劉徽", "刘徽", "Liu Hui", "cao-wei", "commentator"),
            _person("李淳風", "李淳风", "Li Chunfeng", "tang", "commentator"),
        ],
        "date_written": "清",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 9,
        "extent_note": {"zh-Hans": "九卷，二百四十六题", "en": "9 juan, 246 problems"},
        "subjects": ["子部 天文算法類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The classic of Chinese mathematics, 246 problems in 9 juan, with Liu Hui's "
                "commentary of 263 and the notes of Li Chunfeng and his colleagues of the Tang."
            ),
            "zh-Hans": "中国古代数学经典，九卷，二百四十六题。有魏刘徽注（263年）及唐李淳风等注释。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science", "nlc-cstm-literature"],
        "pictures": _book(2),
    },
    {
        "slug": "shanghan-lun",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("傷寒論", "伤寒论", "Treatise on Cold Damage Disorders"),
        "alt_titles": ["Shanghan Lun"],
        "creators": [_person("張仲景", "张仲景", "Zhang Zhongjing", "eastern-han")],
        "date_written": "明萬曆二十七年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 10,
        "subjects": ["子部 醫家類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Zhang Zhongjing's treatise on febrile diseases, in the 10-juan form in which "
                "the Song government edited it."
            ),
            "zh-Hans": "东汉张仲景撰，论外感热病的辨证论治。通行十卷本出自北宋校正医书局校定。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-literature"],
        "pictures": _book(2),
    },
    {
        "slug": "luoyang-qielan-ji",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("洛陽伽藍記", "洛阳伽蓝记", "A Record of Buddhist Monasteries in Luoyang"),
        "creators": [_person("楊衒之", "杨衒之", "Yang Xuanzhi", "eastern-wei")],
        "date_written": "明",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 5,
        "subjects": ["史部 地理類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Yang Xuanzhi's record, written in 547, of the Buddhist monasteries of Luoyang "
                "under the Northern Wei, in 5 juan."
            ),
            "zh-Hans": "东魏杨衒之撰，武定五年（547）成书，五卷，记北魏洛阳佛寺。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": _book(2),
    },
    {
        "slug": "yingzao-fashi",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("營造法式", "营造法式", "Treatise on Architectural Methods"),
        "alt_titles": ["Yingzao Fashi"],
        "creators": [_person("李誡", "李诫", "Li Jie", "northern-song", "compiler")],
        "date_written": "清",
        "edition": Resource.Edition.MANUSCRIPT,
        "extent_juan": 34,
        "extent_note": {
            "zh-Hans": "三十四卷，另有看详一卷、目录一卷",
            "en": "34 juan, with 1 juan of explanations and 1 juan of contents",
        },
        "subjects": ["史部 政書類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The Song government's building standards compiled by Li Jie, issued in 1103: "
                "34 juan on design, materials, labour and carpentry, with drawings."
            ),
            "zh-Hans": "北宋李诫编修的官式建筑规范，崇宁二年（1103）颁行，三十四卷，附图样。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science"],
        "pictures": _book(3),
    },
    {
        "slug": "xu-xiake-youji",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("徐霞客遊記", "徐霞客游记", "The Travel Diaries of Xu Xiake"),
        "creators": [_person("徐弘祖", "徐弘祖", "Xu Hongzu (Xu Xiake)", "ming")],
        "date_written": "清乾隆四十一年",
        "edition": Resource.Edition.WOODBLOCK,
        "subjects": ["史部 地理類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The travel diaries of Xu Hongzu, styled Xiake (1587–1641), recording decades "
                "of journeys through the landscapes of China."
            ),
            "zh-Hans": "明徐弘祖（号霞客，1587—1641）撰，记其数十年游历各地山川的日记。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _book(2, "leaf"),
    },
    {
        "slug": "shuowen-jiezi",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("說文解字", "说文解字", "Explaining Graphs and Analyzing Characters"),
        "alt_titles": ["Shuowen Jiezi"],
        "creators": [_person("許慎", "许慎", "Xu Shen", "eastern-han")],
        "date_written": "清同治十二年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 15,
        "subjects": ["經部 小學類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Xu Shen's dictionary of 9,353 characters arranged under 540 radicals, in 15 "
                "juan, completed in 100 and presented to the throne in 121."
            ),
            "zh-Hans": (
                "东汉许慎撰，收字九千三百五十三，分五百四十部，十五卷。永元十二年（100）成书，"
                "建光元年（121）进呈。"
            ),
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _book(2),
    },
    {
        "slug": "nongzheng-quanshu",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("農政全書", "农政全书", "Complete Treatise on Agriculture"),
        "creators": [
            _person("徐光啟", "徐光启", "Xu Guangqi", "ming"),
            _person("陳子龍", "陈子龙", "Chen Zilong", "ming", "editor"),
        ],
        "date_written": "明崇禎十二年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 60,
        "subjects": ["子部 農家類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Xu Guangqi's agricultural encyclopedia in 60 juan, edited after his death by "
                "Chen Zilong and printed in 1639."
            ),
            "zh-Hans": "明徐光启撰农书，六十卷。徐光启身后由陈子龙整理，崇祯十二年（1639）刊行。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science", "nlc-cstm-literature"],
        "pictures": _book(2),
    },
    {
        "slug": "chajing",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("茶經", "茶经", "The Classic of Tea"),
        "creators": [_person("陸羽", "陆羽", "Lu Yu", "tang")],
        "date_written": "明",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 3,
        "extent_note": {"zh-Hans": "三卷十章", "en": "3 juan in 10 sections"},
        "subjects": ["子部 譜錄類"],
        **CLASSICAL,
        "about": {
            "en": "Lu Yu's monograph on tea, its growing, making, utensils and drinking, in 3 juan.",
            "zh-Hans": "唐陆羽撰，三卷十章，论茶的起源、制作、器具与饮用。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-shftz-collections"],
        "pictures": _book(1, "leaf"),
    },
    {
        "slug": "qianjin-yaofang",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title(
            "備急千金要方",
            "备急千金要方",
            "Essential Formulas Worth a Thousand in Gold for Emergencies",
        ),
        "alt_titles": ["千金要方"],
        "creators": [_person("孫思邈", "孙思邈", "Sun Simiao", "tang")],
        "date_written": "清",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 30,
        "subjects": ["子部 醫家類"],
        **CLASSICAL,
        "about": {
            "en": "Sun Simiao's medical compendium in 30 juan.",
            "zh-Hans": "唐孙思邈撰医书，三十卷。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-literature"],
        "pictures": _book(1),
    },
    {
        "slug": "gujin-tushu-jicheng-sample-volume",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title(
            "古今圖書集成",
            "古今图书集成",
            "Complete Collection of Illustrations and Writings from the Earliest to Current Times",
        ),
        "creators": [
            _person("陳夢雷", "陈梦雷", "Chen Menglei", "qing", "compiler"),
            _person("蔣廷錫", "蒋廷锡", "Jiang Tingxi", "qing", "editor"),
        ],
        "date_written": "清雍正四年",
        "edition": Resource.Edition.MOVABLE_TYPE,
        "edition_note": {"zh-Hans": "铜活字本", "en": "Copper movable-type edition"},
        "extent_volumes": 1,
        "subjects": ["類書"],
        **CLASSICAL,
        "about": {
            "en": (
                "The Qing encyclopedia of 10,000 juan begun by Chen Menglei and completed under "
                "Jiang Tingxi, printed with copper movable type in 1726–1728. This record "
                "stands for a single volume."
            ),
            "zh-Hans": (
                "清陈梦雷始编、蒋廷锡奉敕校订的大型类书，一万卷，雍正四年至六年（1726—1728）"
                "以铜活字排印。本记录表示其中一册。"
            ),
        },
        "rights": Rights.NOC_NC,
        "visibility": Resource.Visibility.PARTNERS,
        "links": ["nlc-bpg-sharing"],
        "pictures": _book(2, "leaf"),
    },
    {
        "slug": "taiping-yulan",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("太平御覽", "太平御览", "Imperial Readings of the Taiping Era"),
        "creators": [_person("李昉", "李昉", "Li Fang", "northern-song", "compiler")],
        "date_written": "清嘉慶十二年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 1000,
        "subjects": ["子部 類書類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The Song encyclopedia of 1,000 juan in 55 sections, compiled by Li Fang and "
                "others from 977 to 983."
            ),
            "zh-Hans": "北宋李昉等奉敕编纂的类书，太平兴国二年至八年（977—983）编成，一千卷，分五十五部。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": _book(2),
    },
    {
        "slug": "dijing-jingwu-lue",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("帝京景物略", "帝京景物略", "Dijing Jingwu Lüe"),
        "alt_titles": ["Brief Account of the Sights of the Imperial Capital"],
        "creators": [
            _person("劉侗", "刘侗", "Liu Tong", "ming"),
            _person("于奕正", "于奕正", "Yu Yizheng", "ming"),
        ],
        "date_written": "明崇禎八年",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 8,
        "subjects": ["北京", "史部 地理類"],
        **CLASSICAL,
        "about": {
            "en": (
                "Liu Tong and Yu Yizheng's description of the sights, temples, gardens and "
                "customs of Ming Beijing, in 8 juan, first printed in 1635."
            ),
            "zh-Hans": "明刘侗、于奕正撰，八卷，记明代北京的名胜、寺庙、园林与风俗。崇祯八年（1635）初刻。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["beijing-ancient-books-database"],
        "pictures": _book(2),
    },
    {
        "slug": "rixia-jiuwen-kao",
        "holder": "nlc",
        "kind": Resource.Kind.ANCIENT_BOOK,
        "title": _title("日下舊聞考", "日下旧闻考", "Rixia Jiuwen Kao"),
        "alt_titles": ["Old Accounts of the Capital, Examined"],
        "creators": [_person("于敏中", "于敏中", "Yu Minzhong", "qing", "compiler")],
        "date_written": "清乾隆",
        "edition": Resource.Edition.WOODBLOCK,
        "extent_juan": 160,
        "subjects": ["北京", "史部 地理類"],
        **CLASSICAL,
        "about": {
            "en": (
                "The Qianlong court's enlarged and verified edition, in 160 juan, of Zhu "
                "Yizun's Old Accounts of the Capital (日下舊聞), on the history and topography "
                "of Beijing."
            ),
            "zh-Hans": "清于敏中等奉敕据朱彝尊《日下旧闻》增补考证而成，一百六十卷，记北京史地。",
        },
        "rights": Rights.NOC_NC,
        "visibility": Resource.Visibility.PRIVATE,
        "links": ["beijing-ancient-books-database"],
        "pictures": _book(2),
    },
    # ====================================================== National Library of China: maps
    {
        "slug": "yujitu-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.MAP,
        "title": _title("禹跡圖", "禹迹图", "Map of the Tracks of Yu"),
        "alt_titles": ["Yuji Tu"],
        # Carved in 1136 (阜昌七年, an era of Liu Yu's Qi state): the parser does not know
        # that era, so the year is given here.
        "date_written": "阜昌七年刻石",
        "year_from": 1136,
        "year_to": 1136,
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "阜昌七年（1136）刻石；示例拓本",
            "en": "Stone carved in 1136; a sample rubbing",
        },
        "subjects": ["輿圖"],
        **CLASSICAL,
        "about": {
            "en": (
                "A map of China carved in stone in 1136, drawn on a grid in which each square "
                "stands for 100 li. The stele is in the Forest of Steles (Beilin), Xi'an; the "
                "Map of China and the Barbarian Countries (華夷圖) is carved on its other face."
            ),
            "zh-Hans": "刻于阜昌七年（1136）的石刻地图，计里画方，每方折地百里。石今在西安碑林，碑阴刻《华夷图》。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": {"style": "grid_map", "count": 1, "size": (2000, 2000), "label": "map"},
    },
    {
        "slug": "kunyu-wanguo-quantu",
        "holder": "nlc",
        "kind": Resource.Kind.MAP,
        "title": _title(
            "坤輿萬國全圖", "坤舆万国全图", "A Map of the Myriad Countries of the World"
        ),
        "alt_titles": ["Ricci map"],
        "creators": [
            _person("利瑪竇", "利玛窦", "Matteo Ricci", "ming", "maker"),
            _person("李之藻", "李之藻", "Li Zhizao", "ming", "publisher"),
        ],
        "date_written": "明萬曆三十年",
        "edition": Resource.Edition.WOODBLOCK,
        "subjects": ["輿圖", "世界地圖"],
        **CLASSICAL,
        "about": {
            "en": (
                "Matteo Ricci's world map in Chinese, printed in Beijing in 1602 by Li Zhizao "
                "from woodblocks in six panels."
            ),
            "zh-Hans": "利玛窦绘制的中文世界地图，万历三十年（1602）由李之藻在北京刊刻，六幅。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-shftz-collections"],
        "pictures": {"style": "world_map", "count": 1, "size": (3000, 1500), "label": "map"},
    },
    {
        "slug": "zheng-he-hanghai-tu",
        "holder": "nlc",
        "kind": Resource.Kind.MAP,
        "title": _title("鄭和航海圖", "郑和航海图", "Zheng He's Navigation Map"),
        "alt_titles": ["Mao Kun map", "武備志"],
        "creators": [_person("茅元儀", "茅元仪", "Mao Yuanyi", "ming", "compiler")],
        "date_written": "明天啟元年",
        "edition": Resource.Edition.WOODBLOCK,
        "subjects": ["輿圖", "航海"],
        **CLASSICAL,
        "about": {
            "en": (
                "The sailing chart of Zheng He's voyages, preserved in the last juan of Mao "
                "Yuanyi's military treatise Wubei Zhi (240 juan, 1621)."
            ),
            "zh-Hans": "记郑和下西洋航路的海图，收于茅元仪《武备志》（二百四十卷，天启元年即1621年成书）末卷。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-cstm-science"],
        "pictures": {"style": "chart", "count": 2, "size": (2800, 1050), "label": "leaf"},
    },
    # ====================================================== National Library of China: rubbings
    {
        "slug": "shimen-song-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.RUBBING,
        "title": _title("石門頌", "石门颂", "Shimen Song (Ode to the Stone Gate)"),
        "date_written": "東漢建和二年",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "建和二年（148）刻；示例拓本",
            "en": "Carved in 148; a sample rubbing",
        },
        "subjects": ["金石", "隸書"],
        **CLASSICAL,
        "about": {
            "en": (
                "A clerical-script inscription of 148 cut into the rock of the Stone Gate "
                "tunnel on the Baoxie road near Hanzhong."
            ),
            "zh-Hans": "东汉建和二年（148）摩崖刻石，隶书，原在汉中褒斜道石门隧道。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": _rubbing(2, (1000, 2000)),
    },
    {
        "slug": "caoquan-bei-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.RUBBING,
        "title": _title("曹全碑", "曹全碑", "Cao Quan Stele"),
        "date_written": "東漢中平二年",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "中平二年（185）立；示例拓本",
            "en": "Erected in 185; a sample rubbing",
        },
        "subjects": ["金石", "隸書"],
        **CLASSICAL,
        "about": {
            "en": (
                "A clerical-script stele of 185 honouring Cao Quan, unearthed in the Wanli "
                "reign of the Ming and now in the Forest of Steles, Xi'an."
            ),
            "zh-Hans": "东汉中平二年（185）立，隶书。明万历年间出土，今藏西安碑林。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-sharing"],
        "pictures": _rubbing(1),
    },
    {
        "slug": "liqi-bei-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.RUBBING,
        "title": _title("禮器碑", "礼器碑", "Stele of the Ritual Vessels"),
        "alt_titles": ["Liqi Bei"],
        "date_written": "東漢永壽二年",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "永寿二年（156）立；示例拓本",
            "en": "Erected in 156; a sample rubbing",
        },
        "subjects": ["金石", "隸書"],
        **CLASSICAL,
        "about": {
            "en": "A clerical-script stele of 156 in the Temple of Confucius at Qufu.",
            "zh-Hans": "东汉永寿二年（156）立，隶书，在曲阜孔庙。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": [],
        "pictures": _rubbing(1),
    },
    {
        "slug": "jiuchenggong-liquan-ming-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.RUBBING,
        "title": _title(
            "九成宮醴泉銘",
            "九成宫醴泉铭",
            "Inscription on the Sweet Wine Spring at Jiucheng Palace",
        ),
        "creators": [
            _person("魏徵", "魏征", "Wei Zheng", "tang"),
            _person("歐陽詢", "欧阳询", "Ouyang Xun", "tang", "calligrapher"),
        ],
        "date_written": "唐貞觀六年",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "贞观六年（632）立；示例拓本",
            "en": "Erected in 632; a sample rubbing",
        },
        "subjects": ["金石", "楷書"],
        **CLASSICAL,
        "about": {
            "en": ("A stele of 632, text by Wei Zheng, in the regular script of Ouyang Xun."),
            "zh-Hans": "唐贞观六年（632）立，魏征撰文，欧阳询楷书。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-bpg-classics"],
        "pictures": _rubbing(2),
    },
    {
        "slug": "duobao-ta-bei-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.RUBBING,
        "title": _title("多寶塔碑", "多宝塔碑", "Duobao Pagoda Stele"),
        "creators": [
            _person("岑勛", "岑勋", "Cen Xun", "tang"),
            _person("顏真卿", "颜真卿", "Yan Zhenqing", "tang", "calligrapher"),
        ],
        "date_written": "唐天寶十一載",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "天宝十一载（752）立；示例拓本",
            "en": "Erected in 752; a sample rubbing",
        },
        "subjects": ["金石", "楷書"],
        **CLASSICAL,
        "about": {
            "en": (
                "A stele of 752, text by Cen Xun, in the regular script of Yan Zhenqing; now "
                "in the Forest of Steles, Xi'an."
            ),
            "zh-Hans": "唐天宝十一载（752）立，岑勋撰文，颜真卿楷书，今藏西安碑林。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": [],
        "pictures": _rubbing(1),
    },
    {
        "slug": "xuanmi-ta-bei-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.RUBBING,
        "title": _title("玄秘塔碑", "玄秘塔碑", "Xuanmi Pagoda Stele"),
        "creators": [
            _person("裴休", "裴休", "Pei Xiu", "tang"),
            _person("柳公權", "柳公权", "Liu Gongquan", "tang", "calligrapher"),
        ],
        "date_written": "唐會昌元年",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "会昌元年（841）立；示例拓本",
            "en": "Erected in 841; a sample rubbing",
        },
        "subjects": ["金石", "楷書"],
        **CLASSICAL,
        "about": {
            "en": (
                "A stele of 841, text by Pei Xiu, in the regular script of Liu Gongquan; now in "
                "the Forest of Steles, Xi'an."
            ),
            "zh-Hans": "唐会昌元年（841）立，裴休撰文，柳公权楷书，今藏西安碑林。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": [],
        "pictures": _rubbing(1),
    },
    {
        "slug": "jingjiao-bei-rubbing",
        "holder": "nlc",
        "kind": Resource.Kind.RUBBING,
        "title": _title(
            "大秦景教流行中國碑",
            "大秦景教流行中国碑",
            "Stele of the Propagation of the Luminous Religion of Daqin in China",
        ),
        "alt_titles": ["Nestorian Stele", "景教碑"],
        "creators": [
            _person("景淨", "景净", "Jingjing (Adam)", "tang"),
            _person("呂秀巖", "吕秀岩", "Lü Xiuyan", "tang", "calligrapher"),
        ],
        "date_written": "唐建中二年",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {
            "zh-Hans": "建中二年（781）立；示例拓本",
            "en": "Erected in 781; a sample rubbing",
        },
        "subjects": ["金石", "宗教"],
        "languages": ["lzh", "syc"],
        "script": "Hant",
        "about": {
            "en": (
                "A stele of 781 recording the Church of the East in Tang China, in Chinese with "
                "Syriac; text by Jingjing (Adam), calligraphy by Lü Xiuyan. Now in the Forest "
                "of Steles, Xi'an."
            ),
            "zh-Hans": "唐建中二年（781）立，记景教在唐传布，汉文间以叙利亚文。景净撰文，吕秀岩书。今藏西安碑林。",
        },
        "rights": Rights.PDM,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["nlc-shftz-collections"],
        "pictures": _rubbing(2, (1000, 2000)),
    },
    # ====================================================== Palace Museum: painting, calligraphy
    {
        "slug": "qingming-shanghe-tu",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("清明上河圖", "清明上河图", "Along the River During the Qingming Festival"),
        "creators": [_person("張擇端", "张择端", "Zhang Zeduan", "northern-song", "painter")],
        "period": "northern-song",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "dimensions": "24.8 × 528.7 cm",
        "extent_note": {"zh-Hans": "手卷，绢本设色", "en": "Handscroll, ink and colour on silk"},
        "subjects": ["繪畫", "風俗畫"],
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "Zhang Zeduan's handscroll of city life along a river at the Qingming festival, "
                "ink and colour on silk, 24.8 × 528.7 cm; held by the Palace Museum, Beijing."
            ),
            "zh-Hans": "北宋张择端绘，手卷，绢本设色，纵24.8厘米，横528.7厘米，描绘清明时节汴河两岸的城市生活。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "handscroll",
            "count": 4,
            "size": (3200, 600),
            "label": "section",
            "options": {"palette": "ink"},
        },
    },
    {
        "slug": "qianli-jiangshan-tu",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("千里江山圖", "千里江山图", "A Thousand Li of Rivers and Mountains"),
        "alt_titles": ["A Panorama of Rivers and Mountains"],
        "creators": [_person("王希孟", "王希孟", "Wang Ximeng", "northern-song", "painter")],
        "date_written": "北宋政和三年",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "dimensions": "51.5 × 1191.5 cm",
        "extent_note": {"zh-Hans": "手卷，绢本设色", "en": "Handscroll, colour on silk"},
        "subjects": ["繪畫", "青綠山水"],
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "Wang Ximeng's blue-and-green landscape handscroll of 1113, colour on silk, "
                "51.5 × 1191.5 cm; held by the Palace Museum, Beijing."
            ),
            "zh-Hans": "北宋王希孟绘于政和三年（1113），青绿山水手卷，绢本设色，纵51.5厘米，横1191.5厘米。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "handscroll",
            "count": 4,
            "size": (3200, 550),
            "label": "section",
            "options": {"palette": "blue_green"},
        },
    },
    {
        "slug": "lanting-xu-shenlong",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title(
            "蘭亭序（神龍本）",
            "兰亭序（神龙本）",
            "Preface to the Orchid Pavilion Poems (Shenlong copy)",
        ),
        "alt_titles": ["蘭亭集序", "Lanting Xu"],
        "creators": [
            _person("王羲之", "王羲之", "Wang Xizhi", "eastern-jin", "calligrapher"),
            _person("馮承素", "冯承素", "Feng Chengsu", "tang", "contributor"),
        ],
        "period": "tang",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "dimensions": "24.5 × 69.9 cm",
        "extent_note": {"zh-Hans": "卷，纸本墨迹", "en": "Handscroll, ink on paper"},
        "subjects": ["書法", "行書"],
        "languages": ["lzh"],
        "script": "Hant",
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "A Tang tracing copy, attributed to Feng Chengsu, of Wang Xizhi's preface of 353 "
                "to the Orchid Pavilion poems; named after the half seal reading Shenlong, an "
                "era of Emperor Zhongzong. Ink on paper, 24.5 × 69.9 cm; held by the Palace "
                "Museum, Beijing."
            ),
            "zh-Hans": "王羲之永和九年（353）所书《兰亭序》的唐代摹本，传为冯承素摹，因卷上有唐中宗“神龙”半印而得名。纸本，纵24.5厘米，横69.9厘米。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "calligraphy",
            "count": 1,
            "size": (2800, 980),
            "label": "whole",
            "options": {"columns": 28, "seals": 14},
        },
    },
    {
        "slug": "wuniu-tu",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("五牛圖", "五牛图", "Five Oxen"),
        "creators": [_person("韓滉", "韩滉", "Han Huang", "tang", "painter")],
        "period": "tang",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "dimensions": "20.8 × 139.8 cm",
        "extent_note": {"zh-Hans": "卷，纸本设色", "en": "Handscroll, colour on paper"},
        "subjects": ["繪畫", "畜獸"],
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "Han Huang's handscroll of five oxen, colour on paper, 20.8 × 139.8 cm; held by "
                "the Palace Museum, Beijing."
            ),
            "zh-Hans": "唐韩滉绘，纸本设色，纵20.8厘米，横139.8厘米，画五牛。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "handscroll",
            "count": 1,
            "size": (3200, 480),
            "label": "whole",
            "options": {"palette": "ink"},
        },
    },
    {
        "slug": "youchun-tu",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("游春圖", "游春图", "Spring Outing"),
        "creators": [_person("展子虔", "展子虔", "Zhan Ziqian", "sui", "painter")],
        "period": "sui",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "extent_note": {"zh-Hans": "卷，绢本设色", "en": "Handscroll, colour on silk"},
        "subjects": ["繪畫", "青綠山水"],
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "A blue-and-green landscape with figures on a spring outing, attributed to Zhan "
                "Ziqian of the Sui; held by the Palace Museum, Beijing."
            ),
            "zh-Hans": "传为隋展子虔所绘的青绿山水，绢本设色，画士人春游。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "handscroll",
            "count": 1,
            "size": (2000, 1070),
            "label": "whole",
            "options": {"palette": "blue_green"},
        },
    },
    {
        "slug": "bunian-tu",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("步輦圖", "步辇图", "Emperor Taizong Receiving the Tibetan Envoy"),
        "creators": [_person("閻立本", "阎立本", "Yan Liben", "tang", "painter")],
        "period": "tang",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "extent_note": {"zh-Hans": "卷，绢本设色", "en": "Handscroll, colour on silk"},
        "subjects": ["繪畫", "人物畫"],
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "Attributed to Yan Liben: Emperor Taizong of Tang, carried in a sedan chair, "
                "receiving Gar Tongtsen, the envoy of the Tibetan king Songtsen Gampo. "
                "Held by the Palace Museum, Beijing."
            ),
            "zh-Hans": "传为唐阎立本绘，画唐太宗坐步辇接见吐蕃赞普松赞干布的使者禄东赞。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "handscroll",
            "count": 1,
            "size": (3200, 950),
            "label": "whole",
            "options": {"palette": "ink"},
        },
    },
    {
        "slug": "han-xizai-yeyan-tu",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("韓熙載夜宴圖", "韩熙载夜宴图", "The Night Revels of Han Xizai"),
        "creators": [
            _person("顧閎中", "顾闳中", "Gu Hongzhong", "five-dynasties-ten-kingdoms", "painter")
        ],
        "edition": Resource.Edition.ORIGINAL_WORK,
        "dimensions": "28.7 × 335.5 cm",
        "extent_note": {"zh-Hans": "卷，绢本设色", "en": "Handscroll, colour on silk"},
        "subjects": ["繪畫", "人物畫"],
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "The evening entertainments of the Southern Tang minister Han Xizai, a "
                "composition attributed to Gu Hongzhong; the Palace Museum's scroll is generally "
                "regarded as a Song copy. Colour on silk, 28.7 × 335.5 cm; held by the Palace "
                "Museum, Beijing."
            ),
            "zh-Hans": "传为五代南唐顾闳中所绘，画南唐大臣韩熙载夜宴情景；故宫所藏一般认为是宋摹本。绢本设色，纵28.7厘米，横335.5厘米。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "handscroll",
            "count": 3,
            "size": (3200, 820),
            "label": "section",
            "options": {"palette": "ink"},
        },
    },
    {
        "slug": "boyuan-tie",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("伯遠帖", "伯远帖", "Letter to Boyuan"),
        "creators": [_person("王珣", "王珣", "Wang Xun", "eastern-jin", "calligrapher")],
        "period": "eastern-jin",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "extent_note": {"zh-Hans": "纸本墨迹", "en": "Ink on paper"},
        "subjects": ["書法", "行書"],
        "languages": ["lzh"],
        "script": "Hant",
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "A letter in running script by Wang Xun of the Eastern Jin, one of the Three "
                "Rarities (三希) of the Qianlong emperor; held by the Palace Museum, Beijing."
            ),
            "zh-Hans": "东晋王珣行书信札，清乾隆“三希”之一。故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "calligraphy",
            "count": 1,
            "size": (1600, 2300),
            "label": "whole",
            "options": {"columns": 5, "seals": 8},
        },
    },
    {
        "slug": "pingfu-tie",
        "holder": "dpm",
        "held_for_certain": True,
        "kind": Resource.Kind.PAINTING_CALLIGRAPHY,
        "title": _title("平復帖", "平复帖", "Pingfu Tie (Letter on Recovering from Illness)"),
        "creators": [_person("陸機", "陆机", "Lu Ji", "western-jin", "calligrapher")],
        "period": "western-jin",
        "edition": Resource.Edition.ORIGINAL_WORK,
        "extent_note": {"zh-Hans": "纸本墨迹", "en": "Ink on paper"},
        "subjects": ["書法", "草書"],
        "languages": ["lzh"],
        "script": "Hant",
        "viewing_direction": Resource.ViewingDirection.RIGHT_TO_LEFT,
        "about": {
            "en": (
                "A letter by Lu Ji of the Western Jin, among the earliest surviving works of "
                "calligraphy by a named writer; given to the state by Zhang Boju and held by "
                "the Palace Museum, Beijing."
            ),
            "zh-Hans": "西晋陆机书信札，为现存最早的名家法书真迹之一。张伯驹捐献，故宫博物院藏。",
        },
        "rights": Rights.NOC_CR,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["dpm-going-global"],
        "pictures": {
            "style": "calligraphy",
            "count": 1,
            "size": (1800, 2070),
            "label": "whole",
            "options": {"columns": 9, "seals": 10},
        },
    },
    {
        "slug": "dpm-conservation-photographs",
        "holder": "dpm",
        "kind": Resource.Kind.PHOTOGRAPH,
        "title": _title(
            "示例：書畫修復檔案照片",
            "示例：书画修复档案照片",
            "Sample: conservation record photographs",
        ),
        "edition": Resource.Edition.BORN_DIGITAL,
        "subjects": ["文物保護"],
        "about": {
            "en": "An internal record kept private to the museum, to show how private records look.",
            "zh-Hans": "仅供院内使用的内部记录，用以演示私有记录的显示方式。",
        },
        "rights": Rights.CNE,
        "visibility": Resource.Visibility.PRIVATE,
        "links": [],
        "pictures": {"style": "photograph", "count": 2, "size": PHOTO, "label": "photo"},
    },
    # ====================================================== China Science and Technology Museum
    {
        "slug": "zhang-heng-seismoscope-panel",
        "holder": "cstm",
        "kind": Resource.Kind.SCIENCE_POPULARISATION,
        "title": _title(
            "示例展板：張衡候風地動儀",
            "示例展板：张衡候风地动仪",
            "Sample panel: Zhang Heng's seismoscope",
        ),
        "subjects": ["張衡", "地震", "science history"],
        "languages": ["zh", "en"],
        "script": "Hans",
        "about": {
            "en": (
                "An exhibition panel on the seismoscope that Zhang Heng of the Eastern Han "
                "made in 132."
            ),
            "zh-Hans": "介绍东汉张衡于阳嘉元年（132）制成候风地动仪的展板。",
        },
        "rights": Rights.CC_BY,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["cstm-tour-exhibition"],
        "pictures": {"style": "panel", "count": 1, "size": PANEL, "label": "panel"},
    },
    {
        "slug": "su-song-astronomical-clock-panel",
        "holder": "cstm",
        "kind": Resource.Kind.SCIENCE_POPULARISATION,
        "title": _title(
            "示例展板：蘇頌水運儀象臺",
            "示例展板：苏颂水运仪象台",
            "Sample panel: Su Song's astronomical clock tower",
        ),
        "subjects": ["蘇頌", "天文", "science history"],
        "languages": ["zh", "en"],
        "script": "Hans",
        "about": {
            "en": (
                "An exhibition panel on the water-driven armillary sphere and celestial globe "
                "tower built under Su Song at Kaifeng in the Northern Song and described in "
                "his New Design for an Armillary Sphere and Celestial Globe (新儀象法要)."
            ),
            "zh-Hans": "介绍北宋苏颂主持在开封建造的水运仪象台及其著作《新仪象法要》的展板。",
        },
        "rights": Rights.CC_BY,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["cstm-tour-exhibition"],
        "pictures": {"style": "panel", "count": 1, "size": PANEL, "label": "panel"},
    },
    {
        "slug": "bi-sheng-movable-type-panel",
        "holder": "cstm",
        "kind": Resource.Kind.SCIENCE_POPULARISATION,
        "title": _title(
            "示例展板：畢昇活字印刷",
            "示例展板：毕昇活字印刷",
            "Sample panel: Bi Sheng's movable type",
        ),
        "subjects": ["畢昇", "印刷", "science history"],
        "languages": ["zh", "en"],
        "script": "Hans",
        "about": {
            "en": (
                "An exhibition panel on the clay movable type Bi Sheng made in the Qingli reign "
                "(1041–1048) of the Northern Song, as recorded by Shen Kuo in the Dream Pool "
                "Essays."
            ),
            "zh-Hans": "介绍北宋庆历年间（1041—1048）毕昇发明泥活字印刷术的展板，事见沈括《梦溪笔谈》。",
        },
        "rights": Rights.CC_BY,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["cstm-tour-exhibition"],
        "pictures": {"style": "panel", "count": 1, "size": PANEL, "label": "panel"},
    },
    {
        "slug": "cai-lun-papermaking-panel",
        "holder": "cstm",
        "kind": Resource.Kind.SCIENCE_POPULARISATION,
        "title": _title(
            "示例展板：蔡倫造紙",
            "示例展板：蔡伦造纸",
            "Sample panel: Cai Lun and papermaking",
        ),
        "subjects": ["蔡倫", "造紙", "science history"],
        "languages": ["zh", "en"],
        "script": "Hans",
        "about": {
            "en": (
                "An exhibition panel on Cai Lun of the Eastern Han, who in 105 reported his "
                "improved papermaking to the emperor."
            ),
            "zh-Hans": "介绍东汉蔡伦于元兴元年（105）向朝廷奏报改进造纸术的展板。",
        },
        "rights": Rights.CC_BY_NC,
        "visibility": Resource.Visibility.PARTNERS,
        "links": ["cstm-tour-exhibition"],
        "pictures": {"style": "panel", "count": 1, "size": PANEL, "label": "panel"},
    },
    # ====================================================== Prince Kung's Palace Museum
    {
        "slug": "pkpm-grand-theatre-photograph",
        "holder": "pkpm",
        "kind": Resource.Kind.PHOTOGRAPH,
        "title": _title(
            "示例照片：恭王府大戲樓",
            "示例照片：恭王府大戏楼",
            "Sample photograph: the Grand Theatre of Prince Kung's Palace",
        ),
        "edition": Resource.Edition.BORN_DIGITAL,
        "subjects": ["恭王府", "建築"],
        "about": {
            "en": (
                "A view of the theatre hall of the mansion that was the residence of Heshen in "
                "the Qianlong reign and later of Prince Gong (Yixin)."
            ),
            "zh-Hans": "恭王府大戏楼。恭王府曾为乾隆朝和珅宅邸，后为恭亲王奕䜣府邸。",
        },
        "rights": Rights.CC_BY,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["pkpm-anniversary", "pkpm-media"],
        "pictures": {"style": "photograph", "count": 2, "size": PHOTO, "label": "photo"},
    },
    {
        "slug": "pkpm-garden-photograph",
        "holder": "pkpm",
        "kind": Resource.Kind.PHOTOGRAPH,
        "title": _title(
            "示例照片：恭王府萃錦園",
            "示例照片：恭王府萃锦园",
            "Sample photograph: the Garden of Prince Kung's Palace",
        ),
        "edition": Resource.Edition.BORN_DIGITAL,
        "subjects": ["恭王府", "園林"],
        "about": {
            "en": "A view in the Cuijin Garden (萃錦園), the garden behind the mansion.",
            "zh-Hans": "恭王府后部的花园萃锦园一景。",
        },
        "rights": Rights.CC_BY,
        "visibility": Resource.Visibility.PUBLIC,
        "links": ["pkpm-media"],
        "pictures": {"style": "photograph", "count": 1, "size": PHOTO, "label": "photo"},
    },
    {
        "slug": "pkpm-fu-stele-rubbing",
        "holder": "pkpm",
        "kind": Resource.Kind.RUBBING,
        "title": _title("康熙御筆福字碑", "康熙御笔福字碑", "The Kangxi Emperor's Fu (福) Stele"),
        "creators": [_person("玄燁", "玄烨", "Kangxi Emperor (Xuanye)", "qing", "calligrapher")],
        "period": "qing",
        "edition": Resource.Edition.RUBBING,
        "edition_note": {"zh-Hans": "示例拓本", "en": "A sample rubbing"},
        "subjects": ["恭王府", "書法"],
        **CLASSICAL,
        "about": {
            "en": (
                "The character fu (福, good fortune) in the hand of the Kangxi emperor, cut on a "
                "stele set in the Secret Cloud Cave (秘雲洞) of the mansion's garden."
            ),
            "zh-Hans": "清康熙帝御笔“福”字，刻石嵌于恭王府花园秘云洞中。",
        },
        "rights": Rights.NOC_NC,
        "visibility": Resource.Visibility.PARTNERS,
        "links": ["pkpm-anniversary"],
        "pictures": _rubbing(1, (1300, 1650), columns=1, chars=1),  # one large character
    },
    {
        "slug": "pkpm-storeroom-survey",
        "holder": "pkpm",
        "kind": Resource.Kind.PHOTOGRAPH,
        "title": _title(
            "示例：庫房盤點照片", "示例：库房盘点照片", "Sample: storeroom survey photographs"
        ),
        "edition": Resource.Edition.BORN_DIGITAL,
        "subjects": ["藏品管理"],
        "about": {
            "en": "An internal record kept private to the museum, to show how private records look.",
            "zh-Hans": "仅供馆内使用的内部记录，用以演示私有记录的显示方式。",
        },
        "rights": Rights.CNE,
        "visibility": Resource.Visibility.PRIVATE,
        "links": [],
        "pictures": {"style": "photograph", "count": 1, "size": PHOTO, "label": "photo"},
    },
    # ====================================================== China Foreign Languages Bureau
    {
        "slug": "dream-of-red-mansions-yang-translation",
        "holder": "cflb",
        "kind": Resource.Kind.TEXT,
        "title": {"en": "A Dream of Red Mansions", "zh-Hans": "红楼梦（英译本）"},
        "creators": [
            _person("曹雪芹", "曹雪芹", "Cao Xueqin", "qing"),
            _person("楊憲益", "杨宪益", "Yang Xianyi", "", "translator"),
            _person("", "", "Gladys Yang", "", "translator"),
            {
                "name": {"zh-Hans": "外文出版社", "en": "Foreign Languages Press"},
                "role": "publisher",
                "period": "",
            },
        ],
        "date_written": "1978—1980",
        "edition": Resource.Edition.TYPESET,
        "extent_volumes": 3,
        "subjects": ["translation", "Chinese literature"],
        "languages": ["en"],
        "script": "Latn",
        "about": {
            "en": (
                "The English translation of Cao Xueqin's novel by Yang Xianyi and Gladys Yang, "
                "published by the Foreign Languages Press, Beijing, in three volumes, "
                "1978–1980."
            ),
            "zh-Hans": "杨宪益、戴乃迭英译的《红楼梦》，北京外文出版社1978—1980年出版，三卷。",
        },
        "rights": Rights.INC,
        "visibility": Resource.Visibility.PARTNERS,
        "links": [],
        "pictures": {"style": "cover", "count": 1, "size": (1500, 2150), "label": "cover"},
    },
]


# --------------------------------------------------------------------------------------------
# Sharing grants, each between two parties to the same demo agreement.

GRANTS: list[dict[str, Any]] = [
    # The NLC lets Beijing Publishing Group take and work from its restricted ancient-book
    # samples, for the sharing of resources and the republishing of classics (commitments 1
    # and 2 of nlc-bpg-2021, quoted in LINKS). It starts on the signing day, 29 April 2021.
    {
        "grantor": "nlc",
        "grantee": "bpg",
        "agreement": "nlc-bpg-2021",
        "valid_from": dt.date(2021, 4, 29),
        "resources": [
            "yongle-dadian-sample-volume",
            "siku-quanshu-wenjin",
            "gujin-tushu-jicheng-sample-volume",
            "rixia-jiuwen-kao",
        ],
        "can_download": True,
        "can_derive": True,
        "can_use_commercially": False,
        "note": {
            "en": (
                "Sample grant: full-resolution images and derivatives of these ancient-book "
                "samples, for the sharing of resources and the innovative publishing of "
                "classics under the 2021 strategic cooperation agreement."
            ),
            "zh-Hans": "示例授权：依2021年战略合作协议，为资源共享与典籍创新出版，提供这些古籍示例的高清图像并允许制作衍生品。",
        },
    },
    # The Palace Museum lets the Foreign Languages Bureau take and work from its painting and
    # calligraphy samples for the multilingual platform ("According to the agreement, the
    # China Foreign Languages Administration will cooperate with the Palace Museum to jointly
    # build a multilingual Chinese culture digital media platform", source cflb-dpm). The
    # report gives no year for the signing; the grant starts on the report's own date
    # (2025-06-26), by which the agreement had been signed.
    {
        "grantor": "dpm",
        "grantee": "cflb",
        "agreement": "cflb-dpm",
        "valid_from": dt.date(2025, 6, 26),
        "resources": [
            "qingming-shanghe-tu",
            "qianli-jiangshan-tu",
            "lanting-xu-shenlong",
            "han-xizai-yeyan-tu",
        ],
        "can_download": True,
        "can_derive": True,
        "can_use_commercially": False,
        "note": {
            "en": (
                "Sample grant: full-resolution images and derivatives of these works for the "
                "multilingual Chinese culture digital media platform."
            ),
            "zh-Hans": "示例授权：为共建多语种中华文化数字媒体平台，提供这些作品的高清图像并允许制作衍生品。",
        },
    },
]
