"""Demo data for Tongwen, transcribed from five English news reports.

The reports themselves are kept verbatim in ``sources/<key>.txt`` (see SOURCES).

Golden rule: nothing invented is shown as fact.

* People's names are given exactly as the sources spell them, in Latin letters only.
  No Chinese characters are given for any person.
* Chinese ("zh-Hans") names appear only for the institutions listed in
  ADDED_OFFICIAL_ZH_NAMES. Those names are NOT in the sources; they were added as the
  institutions' official names, and the UI must say so.
* Years not printed in a report are marked ``year_status = "inferred"`` or ``"unstated"``,
  with the textual evidence in ``year_reason``.
* Anything that is only a claim by a speaker is placed in ``statements`` (attributed),
  not in an institution's description as fact, unless the attribution is spelled out.

Language values are "language maps": {"en": ..., "zh-Hans": ...}.
"""

from typing import Any

# --------------------------------------------------------------------------------------
# Source documents: file key -> file name in ./sources/
# --------------------------------------------------------------------------------------

SOURCES: dict[str, str] = {
    "nlc-bpg": "nlc-bpg.txt",  # seed 000
    "nlc-shftz": "nlc-shftz.txt",  # seed 001
    "nlc-lsc-cstm": "nlc-lsc-cstm.txt",  # seed 002
    "pkpm-bjnews": "pkpm-bjnews.txt",  # seed 003
    "cflb-dpm": "cflb-dpm.txt",  # seed 004
}

# Institution keys whose "zh-Hans" name (and zh-Hans alternative names) were added by the
# editors as the official Simplified Chinese name: they do NOT come from the sources.
ADDED_OFFICIAL_ZH_NAMES = {
    "nlc",
    "bpg",
    "lsc",
    "cstm",
    "pkpm",
    "bjnews",
    "cflb",
    "dpm",
    "shftz",
    "nlc-ancient-books-center",
    "nlc-classics-museum",
}

# Vocabularies used below.
INSTITUTION_KINDS = {
    "library",
    "museum",
    "science_museum",
    "publisher",
    "news_media",
    "society",
    "government_body",
    "company",
    "university",
    "research_institute",
    "other",
}
PARENT_RELATIONS = {"affiliated", "part_of"}
AGREEMENT_KINDS = {
    "strategic_cooperation_agreement",
    "framework_agreement",
    "memorandum_of_understanding",
}
PARTICIPANT_ROLES = {"signed", "presided", "spoke", "attended", "witnessed", "quoted"}
COMMITMENT_CATEGORIES = {
    "resource_sharing",
    "classics_publishing",
    "cultural_creative_ip",
    "research_study_courses",
    "cultural_spaces",
    "convergence_media_tech",
    "exhibitions",
    "science_popularisation",
    "academic_exchange_talent",
    "digital_resources_it",
    "media_promotion",
    "international_communication",
    "events_forums",
    "trade_channels_fundraising",
    "culture_tourism",
}
YEAR_STATUSES = {"stated", "inferred", "unstated"}
INITIATIVE_STATUSES = {"planned", "active", "completed", "unknown"}
COMPARATORS = {"at_least", "at_most", "exactly"}
QUALIFIERS = {"exact", "more_than", "at_least", "approximately"}
PRECISIONS = {"year", "month", "day"}


# --------------------------------------------------------------------------------------
# Institutions
# --------------------------------------------------------------------------------------
# division_code: GB/T 2260 code only where a source places the institution; the
# evidence is in division_evidence. "source" is the agreement whose report describes the
# institution (or first names it); "mentioned_in" lists every agreement report naming it.

INSTITUTIONS: list[dict[str, Any]] = [
    {
        "key": "nlc",
        "name": {"en": "National Library of China", "zh-Hans": "国家图书馆"},
        "alt_names": [{"en": "National Library"}],
        "abbreviations": ["NLC"],
        "kind": "library",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                "Serves as the repository of the nation's publications, a national bibliographic "
                "center, a national center for preservation and conservation of ancient books, as "
                "well as the national museum of ancient books. It has more than 37 million volumes "
                "of literature (report of 2018-06-15). In September 2017 it united 37 libraries "
                "nationwide to build a creative cultural product development alliance, aiming to "
                "promote the creative cultural industry. Its deputy director Sun Yigang said in 2018 "
                "that the library had over 600 IP products. Parts of the library named in the "
                "sources: the NLC Ancient Books Library (with reading rooms), the NLC North Area "
                "(with the Chinese Book Reading Area), the General Office, the Digital Resource & "
                "Service Department, the Information Technology Department, the Research Institute "
                "(Coordination & Operation Management Division) and the Social Education Department."
            )
        },
        "source": "nlc-shftz-2018",
        "mentioned_in": ["nlc-bpg-2021", "nlc-shftz-2018", "nlc-lsc-cstm-2021"],
    },
    {
        "key": "bpg",
        "name": {"en": "Beijing Publishing Group", "zh-Hans": "北京出版集团"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "publisher",
        "parent": None,
        "parent_relation": None,
        "division_code": "110000",
        "division_evidence": {"en": 'The name "Beijing Publishing Group" places it in Beijing.'},
        "website": None,
        "description": {
            "en": (
                "Has books and related user resources in education, children and art, and "
                "accumulated market experience and marketing operation means (as described in the "
                'agreement). According to its chairman Kang Wei, "Explore the education problem, '
                'You and I, and many other books" had won the Wenjin book award or become '
                "recommended books, with the NLC's support in publicizing its publications."
            )
        },
        "source": "nlc-bpg-2021",
        "mentioned_in": ["nlc-bpg-2021"],
    },
    {
        "key": "lsc",
        "name": {"en": "Library Society of China", "zh-Hans": "中国图书馆学会"},
        "alt_names": [],
        "abbreviations": ["LSC"],
        "kind": "society",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                "Has a Secretariat headed by a Secretary-general. In 2020 it launched, with the CSTM, "
                "a pilot tour exhibition project in Deqing, Zhangshu and Dunhuang."
            )
        },
        "source": "nlc-lsc-cstm-2021",
        "mentioned_in": ["nlc-lsc-cstm-2021"],
    },
    {
        "key": "cstm",
        "name": {"en": "China Science and Technology Museum", "zh-Hans": "中国科学技术馆"},
        "alt_names": [],
        "abbreviations": ["CSTM"],
        "kind": "science_museum",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                "Has a CPC Committee. Departments named in the source: the General Office, the "
                "Exhibition and Education Center, the Information Network for Science Popularization "
                "Department, the Resources Management Department and the Science Research Management "
                "Department."
            )
        },
        "source": "nlc-lsc-cstm-2021",
        "mentioned_in": ["nlc-lsc-cstm-2021"],
    },
    {
        "key": "pkpm",
        "name": {"en": "Prince Kung’s Palace Museum", "zh-Hans": "恭王府博物馆"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "museum",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                "Committed to building a safe, academic, digital, and public museum; its mission is "
                "to protect, develop, and fully utilize the palace site and its collections. It was "
                "listed as a national key cultural relic protection organization in 1982, upgraded to "
                "a national 5A-level tourist attraction in 2012, and designated as a national "
                "first-class museum in 2017. The report dated 2023-02-24 refers to the 40th "
                "anniversary of the founding of the museum."
            )
        },
        "source": "pkpm-bjnews-2023",
        "mentioned_in": ["pkpm-bjnews-2023"],
    },
    {
        "key": "bjnews",
        "name": {"en": "Beijing News", "zh-Hans": "新京报"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "news_media",
        "parent": None,
        "parent_relation": None,
        "division_code": "110000",
        "division_evidence": {
            "en": 'The report calls it "local news media" and says it is supervised by the Publicity Department of the CPC Beijing Municipal Committee.'
        },
        "website": None,
        "description": {
            "en": (
                "A mainstream media organization supervised by the Publicity Department of the CPC "
                "Beijing Municipal Committee. It is a comprehensive modern media organization that "
                'integrates communication through "newspaper, website, mobile app, social media, '
                'and screen".'
            )
        },
        "source": "pkpm-bjnews-2023",
        "mentioned_in": ["pkpm-bjnews-2023"],
    },
    {
        "key": "cflb",
        "name": {"en": "China Foreign Languages Bureau", "zh-Hans": "中国外文出版发行事业局"},
        "alt_names": [
            {"en": "China Foreign Languages Administration"},
            {"en": "Foreign Languages Bureau"},
            {"zh-Hans": "中国外文局"},
        ],
        "abbreviations": [],
        "kind": "government_body",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                "Has a Party Committee. Units named in the source: the Bureau Office, the "
                "Comprehensive Business Department and the International Cooperation Department; "
                "China.com, the Institute of Contemporary China and the World, Foreign Language "
                "Publishing House, Chaohua Publishing House and the Cultural Communication Center "
                'are said to belong to it. Its director Du Zhanyuan spoke of its "multilingual, '
                'multi-platform and multi-format advantages".'
            )
        },
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
    {
        "key": "dpm",
        "name": {"en": "Palace Museum", "zh-Hans": "故宫博物院"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "museum",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                "Has a Party Committee. Its president Wang Xudong said the Palace Museum has unique "
                "cultural resource endowment and the deep accumulation of the Forbidden City Learning "
                "for decades."
            )
        },
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
    {
        "key": "shftz",
        "name": {
            "en": "Administrative committee of China (Shanghai) Pilot Free Trade Zone",
            "zh-Hans": "中国（上海）自由贸易试验区管理委员会",
        },
        "alt_names": [{"en": "Shanghai FTZ"}],
        "abbreviations": ["FTZ"],
        "kind": "government_body",
        "parent": None,
        "parent_relation": None,
        "division_code": "310000",
        "division_evidence": {
            "en": 'The name "China (Shanghai) Pilot Free Trade Zone" places it in Shanghai.'
        },
        "website": None,
        "description": {
            "en": (
                "Administers the China (Shanghai) Pilot Free Trade Zone. The Shanghai FTZ, "
                "established in 2013, has achieved great success over the past five years (report of "
                "2018); its cultural industry, an emerging industry, has kept expanding, with its "
                "industrial output growing year by year. The report cites its preferential policies "
                "and solid cultural industrial foundation. According to Hu Huanzhong, the FTZ has "
                "built partnerships with the National Museum of China and many provincial museums, "
                "giving them support in product R&D, fundraising and trade channels."
            )
        },
        "source": "nlc-shftz-2018",
        "mentioned_in": ["nlc-shftz-2018"],
    },
    {
        "key": "shftz-culture",
        "name": {"en": "Shanghai FTZ International Culture Investment and Development Co"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "company",
        "parent": None,
        "parent_relation": None,
        "division_code": "310000",
        "division_evidence": {
            "en": 'The name "Shanghai FTZ International Culture Investment and Development Co" places it in the Shanghai FTZ.'
        },
        "website": None,
        "description": None,
        "source": "nlc-shftz-2018",
        "mentioned_in": ["nlc-shftz-2018"],
    },
    {
        "key": "guotu",
        "name": {"en": "Beijing Guotu Innovation and Cultural Services Co., Ltd."},
        "alt_names": [],
        "abbreviations": [],
        "kind": "company",
        "parent": "nlc",
        "parent_relation": "affiliated",
        "division_code": "110000",
        "division_evidence": {
            "en": 'The company name "Beijing Guotu Innovation and Cultural Services Co., Ltd." places it in Beijing.'
        },
        "website": None,
        "description": {
            "en": (
                "Affiliated to the NLC. In April 2021 it jointly issued the new book and gift box of "
                "Shi Wu Ben Cao Tu Pu (transliteration) with Ruoqing Scientific and Creative Cultural "
                "Development (Beijing) Co., Ltd."
            )
        },
        "source": "nlc-bpg-2021",
        "mentioned_in": ["nlc-bpg-2021"],
    },
    {
        "key": "ruoqing",
        "name": {"en": "Ruoqing Scientific and Creative Cultural Development (Beijing) Co., Ltd."},
        "alt_names": [],
        "abbreviations": [],
        "kind": "company",
        "parent": "bpg",
        "parent_relation": "affiliated",
        "division_code": "110000",
        "division_evidence": {"en": 'The company name contains "(Beijing)".'},
        "website": None,
        "description": {
            "en": (
                "Affiliated to Beijing Publishing Group. In April 2021 it jointly issued the new book "
                "and gift box of Shi Wu Ben Cao Tu Pu (transliteration) with Beijing Guotu Innovation "
                "and Cultural Services Co., Ltd."
            )
        },
        "source": "nlc-bpg-2021",
        "mentioned_in": ["nlc-bpg-2021"],
    },
    {
        "key": "nlc-ancient-books-center",
        "name": {
            "en": "China National Center for Preservation & Conservation of Ancient Books",
            "zh-Hans": "国家古籍保护中心",
        },
        "alt_names": [{"en": "national center for preservation and conservation of ancient books"}],
        "abbreviations": [],
        "kind": "other",
        "parent": "nlc",
        "parent_relation": "part_of",
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                'Its director is Rao Quan, Director of the NLC. The NLC "serves as ... a national '
                'center for preservation and conservation of ancient books".'
            )
        },
        "source": "nlc-bpg-2021",
        "mentioned_in": ["nlc-bpg-2021", "nlc-shftz-2018"],
    },
    {
        "key": "nlc-classics-museum",
        "name": {"en": "National Museum of Classic Books", "zh-Hans": "国家典籍博物馆"},
        "alt_names": [{"en": "National Museum of Ancient Books"}],
        "abbreviations": [],
        "kind": "museum",
        "parent": "nlc",
        "parent_relation": "part_of",
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                'Its director is Rao Quan, Director of the NLC. The NLC serves as "the national '
                'museum of ancient books". Exhibitions named in the source (March 2021 report): the '
                "Exhibition of Chinese Traditional Culture and Ancient Books and the Exhibition of "
                "Oracle Bone Inscriptions Memory."
            )
        },
        "source": "nlc-bpg-2021",
        "mentioned_in": ["nlc-bpg-2021", "nlc-shftz-2018", "nlc-lsc-cstm-2021"],
    },
    {
        "key": "nlc-publishing-house",
        "name": {"en": "National Library of China Publishing House"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "publisher",
        # The source names it but does not state its relationship to the NLC.
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": (
                "Leaders and relevant personnel of the NLC and Beijing Publishing Group visited its "
                "relevant exhibitions after the 29 April signing ceremony. The source does not state "
                "its relationship to the NLC."
            )
        },
        "source": "nlc-bpg-2021",
        "mentioned_in": ["nlc-bpg-2021"],
    },
    {
        "key": "mct",
        "name": {"en": "Ministry of Culture and Tourism"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "government_body",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {"en": "Has a Party Leadership Group, of which Wang Xudong is a member."},
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
    {
        "key": "national-museum-of-china",
        "name": {"en": "National Museum of China"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "museum",
        "parent": None,
        "parent_relation": None,
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": {
            "en": "According to Hu Huanzhong, the Shanghai FTZ has built a partnership with it, giving support in product R&D, fundraising and trade channels."
        },
        "source": "nlc-shftz-2018",
        "mentioned_in": ["nlc-shftz-2018"],
    },
    # Units that, as the 004 report literally puts it, the China Foreign Languages Bureau
    # "belongs to"; read as units of the bureau. Their responsible persons attended the signing.
    {
        "key": "china-com",
        "name": {"en": "China.com"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "news_media",
        "parent": "cflb",
        "parent_relation": "affiliated",
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": None,
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
    {
        "key": "iccw",
        "name": {"en": "Institute of Contemporary China and the World"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "research_institute",
        "parent": "cflb",
        "parent_relation": "affiliated",
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": None,
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
    {
        "key": "foreign-language-publishing-house",
        "name": {"en": "Foreign Language Publishing House"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "publisher",
        "parent": "cflb",
        "parent_relation": "affiliated",
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": None,
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
    {
        "key": "chaohua-publishing-house",
        "name": {"en": "Chaohua Publishing House"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "publisher",
        "parent": "cflb",
        "parent_relation": "affiliated",
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": None,
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
    {
        "key": "cflb-cultural-communication-center",
        "name": {"en": "Cultural Communication Center"},
        "alt_names": [],
        "abbreviations": [],
        "kind": "other",
        "parent": "cflb",
        "parent_relation": "affiliated",
        "division_code": None,
        "division_evidence": None,
        "website": None,
        "description": None,
        "source": "cflb-dpm",
        "mentioned_in": ["cflb-dpm"],
    },
]


# --------------------------------------------------------------------------------------
# People (Latin names exactly as spelled in the sources; no Chinese characters)
# --------------------------------------------------------------------------------------
# appointments: one entry per (institution, title); "source" is the first agreement report
# giving it, "also_stated_in" the other reports that repeat it. institution may be None when
# the source does not say which organisation the title belongs to (see the person's note).

PEOPLE: list[dict[str, Any]] = [
    # ---- 000 nlc-bpg-2021 (and 002)
    {
        "key": "rao-quan",
        "name": {"en": "Rao Quan"},
        "appointments": [
            {
                "institution": "nlc",
                "title": {"en": "Director"},
                "source": "nlc-bpg-2021",
                "also_stated_in": ["nlc-lsc-cstm-2021"],
            },
            {
                "institution": "nlc-ancient-books-center",
                "title": {"en": "Director"},
                "source": "nlc-bpg-2021",
            },
            {
                "institution": "nlc-classics-museum",
                "title": {"en": "Director"},
                "source": "nlc-bpg-2021",
            },
            {"institution": "lsc", "title": {"en": "Chairman"}, "source": "nlc-lsc-cstm-2021"},
        ],
    },
    {
        "key": "kang-wei",
        "name": {"en": "Kang Wei"},
        "appointments": [
            {
                "institution": "bpg",
                "title": {"en": "Secretary of the CPC Committee"},
                "source": "nlc-bpg-2021",
            },
            {"institution": "bpg", "title": {"en": "Chairman"}, "source": "nlc-bpg-2021"},
        ],
    },
    {
        "key": "li-qingxia",
        "name": {"en": "Li Qingxia"},
        "appointments": [
            {
                "institution": "bpg",
                "title": {"en": "Deputy General Manager"},
                "source": "nlc-bpg-2021",
            },
            {"institution": "bpg", "title": {"en": "Editor-in-chief"}, "source": "nlc-bpg-2021"},
        ],
    },
    {
        "key": "zhang-jingshan",
        "name": {"en": "Zhang Jingshan"},
        "appointments": [
            {
                "institution": "bpg",
                "title": {"en": "Deputy General Manager"},
                "source": "nlc-bpg-2021",
            },
        ],
        "note": {
            "en": 'The source gives only "Deputy General Manager", listed directly after Li Qingxia of Beijing Publishing Group; the organisation is read from that context.'
        },
    },
    {
        "key": "zhang-jun",
        "name": {"en": "Zhang Jun"},
        "appointments": [
            {"institution": "nlc", "title": {"en": "Deputy Director"}, "source": "nlc-bpg-2021"},
        ],
    },
    # ---- 001 nlc-shftz-2018
    {
        "key": "sun-yigang",
        "name": {"en": "Sun Yigang"},
        "appointments": [
            {"institution": "nlc", "title": {"en": "Deputy Director"}, "source": "nlc-shftz-2018"},
        ],
    },
    {
        "key": "hu-huanzhong",
        "name": {"en": "Hu Huanzhong"},
        "appointments": [
            {
                "institution": "shftz-culture",
                "title": {"en": "Chairman"},
                "source": "nlc-shftz-2018",
            },
        ],
    },
    # ---- 002 nlc-lsc-cstm-2021
    {
        "key": "yin-hao",
        "name": {"en": "Yin Hao"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {"en": "Member of the CPC Committee"},
                "source": "nlc-lsc-cstm-2021",
            },
            {"institution": "cstm", "title": {"en": "Director"}, "source": "nlc-lsc-cstm-2021"},
        ],
    },
    {
        "key": "pang-xiaodong",
        "name": {"en": "Pang Xiaodong"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {"en": "Deputy Director"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "chen-ying",
        "name": {"en": "Chen Ying"},
        "appointments": [
            {
                "institution": "nlc",
                "title": {"en": "Deputy Director"},
                "source": "nlc-lsc-cstm-2021",
            },
            {"institution": "lsc", "title": {"en": "Vice Chairman"}, "source": "nlc-lsc-cstm-2021"},
        ],
    },
    {
        "key": "ren-haihong",
        "name": {"en": "Ren Haihong"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {"en": "Director of the CSTM General Office"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "qi-xin",
        "name": {"en": "Qi Xin"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {"en": "Director of the CSTM Exhibition and Education Center"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "ren-hechun",
        "name": {"en": "Ren Hechun"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {
                    "en": "Director of the CSTM Information Network for Science Popularization Department"
                },
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "tang-gang",
        "name": {"en": "Tang Gang"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {"en": "Deputy Director of the CSTM Resources Management Department"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "long-jinjing",
        "name": {"en": "Long Jinjing"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {"en": "Deputy Director of the CSTM Resources Management Department"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "zhao-yang",
        "name": {"en": "Zhao Yang"},
        "appointments": [
            {
                "institution": "cstm",
                "title": {
                    "en": "Deputy Director of the CSTM Science Research Management Department"
                },
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "huo-ruijuan",
        "name": {"en": "Huo Ruijuan"},
        "appointments": [
            {
                "institution": "nlc",
                "title": {"en": "Director of the NLC General Office"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "xie-qiang",
        "name": {"en": "Xie Qiang"},
        "appointments": [
            {
                "institution": "nlc",
                "title": {"en": "Director of the NLC Digital Resource & Service Department"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "li-chunming",
        "name": {"en": "Li Chunming"},
        "appointments": [
            {
                "institution": "nlc",
                "title": {"en": "Director of the NLC Information Technology Department"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "wang-yanhang",
        "name": {"en": "Wang Yanhang"},
        "appointments": [
            {
                "institution": "lsc",
                "title": {"en": "Secretary-general of Secretariat of the Library Society of China"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "fan-hua",
        "name": {"en": "Fan Hua"},
        "appointments": [
            {
                "institution": "nlc",
                "title": {
                    "en": "Deputy Director of the NLC Research Institute (Coordination & Operation Management Division)"
                },
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    {
        "key": "liao-yongxia",
        "name": {"en": "Liao Yongxia"},
        "appointments": [
            {
                "institution": "nlc",
                "title": {"en": "Deputy Director of the NLC Social Education Department"},
                "source": "nlc-lsc-cstm-2021",
            },
        ],
    },
    # ---- 003 pkpm-bjnews-2023
    {
        "key": "feng-naien",
        "name": {"en": "Feng Nai’en"},
        "appointments": [
            {"institution": "pkpm", "title": {"en": "Director"}, "source": "pkpm-bjnews-2023"},
            {
                "institution": "pkpm",
                "title": {"en": "Party secretary"},
                "source": "pkpm-bjnews-2023",
            },
        ],
    },
    {
        "key": "liu-junsheng",
        "name": {"en": "Liu Junsheng"},
        "appointments": [
            {
                "institution": "bjnews",
                "title": {"en": "Party secretary"},
                "source": "pkpm-bjnews-2023",
            },
            {
                "institution": "bjnews",
                "title": {"en": "Editor-in-chief"},
                "source": "pkpm-bjnews-2023",
            },
        ],
    },
    {
        "key": "su-ning",
        "name": {"en": "Su Ning"},
        "appointments": [
            {
                "institution": "pkpm",
                "title": {"en": "Deputy Director"},
                "source": "pkpm-bjnews-2023",
            },
        ],
    },
    {
        "key": "li-hai",
        "name": {"en": "Li Hai"},
        "appointments": [
            {
                "institution": "bjnews",
                "title": {"en": "Deputy Party secretary"},
                "source": "pkpm-bjnews-2023",
            },
            {
                "institution": "bjnews",
                "title": {"en": "Chief editor"},
                "source": "pkpm-bjnews-2023",
            },
        ],
    },
    # ---- 004 cflb-dpm
    {
        "key": "du-zhanyuan",
        "name": {"en": "Du Zhanyuan"},
        "appointments": [
            {"institution": "cflb", "title": {"en": "Director"}, "source": "cflb-dpm"},
        ],
    },
    {
        "key": "wang-xudong",
        "name": {"en": "Wang Xudong"},
        "appointments": [
            {
                "institution": "mct",
                "title": {"en": "Member of the Party Leadership Group"},
                "source": "cflb-dpm",
            },
            {"institution": "dpm", "title": {"en": "President"}, "source": "cflb-dpm"},
        ],
    },
    {
        "key": "lu-cairong",
        "name": {"en": "Lu Cairong"},
        "appointments": [
            {"institution": "cflb", "title": {"en": "Deputy Director"}, "source": "cflb-dpm"},
            {
                "institution": "cflb",
                "title": {"en": "Secretary of the Party Committee of the Organization"},
                "source": "cflb-dpm",
            },
        ],
        "note": {
            "en": "The source names Lu Cairong twice, with titles at both organisations; kept as stated."
        },
    },
    {
        "key": "lu-cairong-palace-museum",
        "name": {"en": "Lu Cairong"},
        "appointments": [
            {
                "institution": "dpm",
                "title": {"en": "Secretary of the Party Committee"},
                "source": "cflb-dpm",
            },
            {"institution": "dpm", "title": {"en": "Vice President"}, "source": "cflb-dpm"},
        ],
        "note": {
            "en": "The source names Lu Cairong twice, with titles at both organisations; kept as stated."
        },
    },
    {
        "key": "luo-xianliang",
        "name": {"en": "Luo Xianliang"},
        "appointments": [
            {
                "institution": None,
                "title": {"en": "Secretary of the Discipline Inspection Commission"},
                "source": "cflb-dpm",
            },
        ],
        "note": {
            "en": "The source does not say which organisation's Discipline Inspection Commission."
        },
    },
    {
        "key": "zhu-hongwen",
        "name": {"en": "Zhu Hongwen"},
        "appointments": [
            {"institution": "dpm", "title": {"en": "Deputy Director"}, "source": "cflb-dpm"},
        ],
    },
    {
        "key": "gao-anming",
        "name": {"en": "Gao Anming"},
        "appointments": [
            {"institution": "cflb", "title": {"en": "Deputy Director"}, "source": "cflb-dpm"},
            {"institution": "cflb", "title": {"en": "Editor-in-Chief"}, "source": "cflb-dpm"},
        ],
    },
    {
        "key": "lou-wei",
        "name": {"en": "Lou Wei"},
        "appointments": [
            {
                "institution": "dpm",
                "title": {"en": "Executive Vice President"},
                "source": "cflb-dpm",
            },
        ],
    },
]


# --------------------------------------------------------------------------------------
# Agreements
# --------------------------------------------------------------------------------------
# participants: one entry per (person, role); "appointments" are (institution key, title en)
# pairs naming which of the person's appointments this report gives.
# statements: what the report says a person said (reported speech, verbatim from the source).

AGREEMENTS: list[dict[str, Any]] = [
    # ================================================================ 000
    {
        "key": "nlc-bpg-2021",
        "kind": "strategic_cooperation_agreement",
        "title": {
            "en": "Strategic cooperation agreement between the National Library of China and Beijing Publishing Group"
        },
        "parties": ["nlc", "bpg"],
        "signed": {
            "year": 2021,
            "month": 4,
            "day": 29,
            "year_status": "inferred",
            "year_reason": {
                "en": (
                    'The report gives only "On 29 April" and carries no date. It reports as past '
                    'that "In April 2021, the new book and gift box of Shi Wu Ben Cao Tu Pu '
                    '(transliteration) were jointly issued", so the ceremony was on or after April '
                    "2021; 2021 is recorded as the inferred year."
                )
            },
        },
        "venue": {"en": "NLC Ancient Books Library"},
        "status": "signed",
        "summary": {
            "en": (
                "On 29 April the National Library of China (NLC) and Beijing Publishing Group held a "
                "signing ceremony of strategic cooperation in the NLC Ancient Books Library. Rao Quan "
                "and Kang Wei jointly signed the strategic cooperation agreement; Zhang Jun presided. "
                "The two sides would focus on six aspects of cooperation: sharing of resources, "
                "innovative publishing of cultural classics, cultural creative IP products, research "
                "courses, a cultural space, and convergence media. After the ceremony, leaders and "
                "relevant personnel of both sides visited the reading rooms of the NLC Ancient Books "
                "Library and relevant exhibitions of the National Library of China Publishing House "
                "and Wenjin Academy."
            )
        },
        "participants": [
            {
                "person": "rao-quan",
                "role": "attended",
                "appointments": [
                    ("nlc", "Director"),
                    ("nlc-ancient-books-center", "Director"),
                    ("nlc-classics-museum", "Director"),
                ],
            },
            {
                "person": "rao-quan",
                "role": "spoke",
                "appointments": [
                    ("nlc", "Director"),
                    ("nlc-ancient-books-center", "Director"),
                    ("nlc-classics-museum", "Director"),
                ],
            },
            {
                "person": "rao-quan",
                "role": "signed",
                "appointments": [
                    ("nlc", "Director"),
                    ("nlc-ancient-books-center", "Director"),
                    ("nlc-classics-museum", "Director"),
                ],
            },
            {
                "person": "kang-wei",
                "role": "attended",
                "appointments": [("bpg", "Secretary of the CPC Committee"), ("bpg", "Chairman")],
            },
            {
                "person": "kang-wei",
                "role": "spoke",
                "appointments": [("bpg", "Secretary of the CPC Committee"), ("bpg", "Chairman")],
            },
            {
                "person": "kang-wei",
                "role": "signed",
                "appointments": [("bpg", "Secretary of the CPC Committee"), ("bpg", "Chairman")],
            },
            {
                "person": "li-qingxia",
                "role": "attended",
                "appointments": [("bpg", "Deputy General Manager"), ("bpg", "Editor-in-chief")],
            },
            {
                "person": "zhang-jingshan",
                "role": "attended",
                "appointments": [("bpg", "Deputy General Manager")],
            },
            {
                "person": "zhang-jun",
                "role": "presided",
                "appointments": [("nlc", "Deputy Director")],
            },
        ],
        "commitments": [
            {
                "number": 1,
                "text": {
                    "en": "Both side would promote cooperative development and sharing of resources, make use of their resources, and achieve mutual benefit by creating products and activities aimed at the core users of both sides."
                },
                "category": "resource_sharing",
            },
            {
                "number": 2,
                "text": {
                    "en": "Both side should cooperate on innovative publishing of cultural classics, make use of the NLC's rich collections, deeply explore the connotation of the classics. Relying on the accumulated market experience and marketing operation means of Beijing Publishing Group, both sides would jointly plan and develop innovative publications and cultural products."
                },
                "category": "classics_publishing",
            },
            {
                "number": 3,
                "text": {
                    "en": "Both sides would jointly develop cultural creative IP products, create high-quality IP based on the classics, and jointly carry out marketing promotion and IP authorization activities."
                },
                "category": "cultural_creative_ip",
            },
            {
                "number": 4,
                "text": {
                    "en": "Using the books and related user resources in education, children and art of Beijing Publishing Group, and combining the resources advantages of the NLC, both sides would plan and develop relevant research courses for users."
                },
                "category": "research_study_courses",
            },
            {
                "number": 5,
                "text": {
                    "en": "Both sides would jointly create a cultural space integrating books, culture creation, training, exhibition, study and experience, establish new cultural landmark, and further expand the integration of culture and tourism business."
                },
                "category": "cultural_spaces",
            },
            {
                "number": 6,
                "text": {
                    "en": "Both sides would cooperation on convergence media expanding, combine the policy and resource advantages available in new media, Internet, 5G and artificial intelligence to form joint efforts, and lay out new reading formats in the future."
                },
                "category": "convergence_media_tech",
            },
        ],
        "statements": [
            {
                "person": "rao-quan",
                "text": {
                    "en": (
                        "Rao Quan said that the NLC would continue to give full play to the collection advantages of the national repository, further expand the social education platform function of the national public cultural service position, and strengthen practical cooperation with Beijing Publishing Group on innovative publishing of cultural classics, development of cultural and creative products, planning of research, study and tourism activities, and so on. On this basis, the NLC would work together with Beijing Publishing Group to deeply explore the win-win strategy of the library and publishing industry, actively apply 5G network, big data, block chain, artificial intelligence and other new technologies, strive to promote the transformation and innovation of both sides in the construction of high-quality digital content and the expansion of convergence media service channels, make new and greater contributions to enriching the new experience of digital reading and cultivating the new ecology of intelligent reading, so as to better meet the diversified and personalized reading needs of the people, and make new contributions to the prosperity and development of socialist cultural undertakings and the construction of a socialist cultural power."
                    )
                },
            },
            {
                "person": "kang-wei",
                "text": {
                    "en": (
                        'Kang Wei said that the NLC had given great support and help to Beijing Publishing Group in publicizing its publications. Explore the education problem, You and I, and many other books had won the Wenjin book award or become recommended books. The ancient atlas of Beijing, Tianjin and Hebei, which was jointly developed by the two sides, had become a special funding project for the national ancient books collation and publication. Both sides had made certain achievements on the cooperative research and development of "Beijing Ancient Books Database", cultural and creative product development of Shi Wu Ben Cao Tu Pu (transliteration), and so on. In the next step, both sides would establish a comprehensive strategic cooperative relationship and carry out extensive exchanges and cooperation in the fields of cultural classics publishing, globalization of Chinese culture, convergence media business expansion, and so on, which was a practical measure to implement General Secretary Xi Jinping\'s directive spirit of "bringing to life cultural relics collected in museums, heritages displayed on the vast land and words written in ancient books", flourish and develop cultural undertakings and cultural industries, and improve the country\'s cultural soft power.'
                    )
                },
            },
        ],
        "notes": {
            "en": (
                'The report calls the ceremony "a good start for the establishment of a deep '
                'cooperative relationship"; in the future both sides would explore innovative '
                'practices in the fields of "classics+" and "publishing+". It describes the April '
                "2021 Shi Wu Ben Cao Tu Pu book and gift box as having created a successful model of "
                '"publishing + cultural and creative product".'
            )
        },
        "sources": [
            {
                "key": "nlc-bpg",
                "title": "The NLC signs strategic cooperation agreement with Beijing Publishing Group",
                "publisher": "National Library of China",
                "published_on": None,
                "url": None,
            },
        ],
    },
    # ================================================================ 001
    {
        "key": "nlc-shftz-2018",
        "kind": "strategic_cooperation_agreement",
        "title": {
            "en": "Strategic cooperation deal between the administrative committee of China (Shanghai) Pilot Free Trade Zone and the National Library of China"
        },
        "parties": ["shftz", "nlc"],
        "signed": {
            "year": 2018,
            "month": 6,
            "day": 7,
            "year_status": "inferred",
            "year_reason": {
                "en": 'The report is dated "Updated: 2018-06-15" and says the deal was signed "in Beijing June 7"; the year 2018 is inferred from the report date.'
            },
        },
        "venue": {"en": "Beijing"},
        "status": "signed",
        "summary": {
            "en": (
                "On June 7 the administrative committee of China (Shanghai) Pilot Free Trade Zone "
                "signed a strategic cooperation deal with the National Library of China in Beijing. "
                "The two sides will work together on research and development (R&D) into "
                "intellectual property (IP), creative cultural products, development of international "
                "channels for artworks, and business operations. The cooperation is based on the "
                "National Library's rich collections and strong literature mining capacity, and "
                "Shanghai FTZ's preferential policies and solid cultural industrial foundation."
            )
        },
        "participants": [
            {
                "person": "sun-yigang",
                "role": "quoted",
                "appointments": [("nlc", "Deputy Director")],
            },
            {
                "person": "hu-huanzhong",
                "role": "quoted",
                "appointments": [("shftz-culture", "Chairman")],
            },
        ],
        "commitments": [
            {
                "number": 1,
                "text": {
                    "en": "The two sides will work together on research and development (R&D) into intellectual property (IP)."
                },
                "category": "cultural_creative_ip",
            },
            {
                "number": 2,
                "text": {"en": "The two sides will work together on creative cultural products."},
                "category": "cultural_creative_ip",
            },
            {
                "number": 3,
                "text": {
                    "en": "The two sides will work together on development of international channels for artworks."
                },
                "category": "trade_channels_fundraising",
            },
            {
                "number": 4,
                "text": {"en": "The two sides will work together on business operations."},
                "category": "trade_channels_fundraising",
            },
        ],
        "statements": [
            {
                "person": "sun-yigang",
                "text": {
                    "en": "Sun Yigang, deputy director of the National Library, said that the library now has over 600 IP products and more will be developed based on the cooperation with Shanghai FTZ."
                },
            },
            {
                "person": "hu-huanzhong",
                "text": {
                    "en": "Hu Huanzhong, chairman of Shanghai FTZ International Culture Investment and Development Co, said that the FTZ has built partnerships with the National Museum of China and many provincial museums, giving them support in product R&D, fundraising and trade channels. In this way, the FTZ combines its strength in market operation with State-level IP resources, greatly improving its creative cultural products, Hu added."
                },
            },
        ],
        "notes": {
            "en": 'The cooperation "is expected to build a closer tie between national cultural resources and further promote the inheritance and development of Chinese culture". No signatories are named in the report.'
        },
        "sources": [
            {
                "key": "nlc-shftz",
                "title": "Shanghai FTZ seeks closer tie with National Library of China",
                "publisher": None,
                "published_on": "2018-06-15",
                "url": None,
            },
        ],
    },
    # ================================================================ 002
    {
        "key": "nlc-lsc-cstm-2021",
        "kind": "framework_agreement",
        "title": {
            "en": "Strategic cooperation framework agreement between the National Library of China, the Library Society of China and the China Science and Technology Museum"
        },
        "parties": ["nlc", "lsc", "cstm"],
        "signed": {
            "year": 2021,
            "month": 3,
            "day": 11,
            "year_status": "inferred",
            "year_reason": {
                "en": (
                    'The report gives only "On 11 March" and carries no date. It says that "In '
                    '2020, the LSC and the CSTM ... launched a pilot tour exhibition project" (past) '
                    'and that "In 2021, the tour exhibition project would be implemented in 40 '
                    'county-level public libraries" (future), and places the tour project "During '
                    'the 14th Five-Year Plan Period", which begins in 2021; 2021 is inferred.'
                )
            },
        },
        "venue": {"en": "the NLC"},
        "status": "signed",
        "summary": {
            "en": (
                "On 11 March the National Library of China (NLC), the Library Society of China (LSC) "
                "and the China Science and Technology Museum (CSTM) held a signing ceremony of the "
                "strategic cooperation framework agreement in the NLC, officially establishing a "
                "strategic partnership. Rao Quan and Yin Hao delivered speeches and signed; Chen Ying "
                "presided. The NLC and the CSTM would carry out six areas of activities (exhibitions, "
                "science popularization activities, academic exchange and talent, literature resources "
                "sharing and publishing, digital resources, and information technology). During the "
                "14th Five-Year Plan Period the LSC and the CSTM would implement a tour exhibition "
                "project covering no less than 200 county-level public libraries. After the ceremony "
                "Yin Hao and his colleagues visited the Exhibition of Chinese Traditional Culture and "
                "Ancient Books and the Exhibition of Oracle Bone Inscriptions Memory in the National "
                "Museum of Ancient Books, and the Chinese Book Reading Area in the NLC North Area."
            )
        },
        "participants": [
            {
                "person": "yin-hao",
                "role": "attended",
                "appointments": [("cstm", "Member of the CPC Committee"), ("cstm", "Director")],
            },
            {
                "person": "yin-hao",
                "role": "spoke",
                "appointments": [("cstm", "Member of the CPC Committee"), ("cstm", "Director")],
            },
            {
                "person": "yin-hao",
                "role": "signed",
                "appointments": [("cstm", "Member of the CPC Committee"), ("cstm", "Director")],
            },
            {
                "person": "pang-xiaodong",
                "role": "attended",
                "appointments": [("cstm", "Deputy Director")],
            },
            {
                "person": "rao-quan",
                "role": "attended",
                "appointments": [("nlc", "Director"), ("lsc", "Chairman")],
            },
            {
                "person": "rao-quan",
                "role": "spoke",
                "appointments": [("nlc", "Director"), ("lsc", "Chairman")],
            },
            {
                "person": "rao-quan",
                "role": "signed",
                "appointments": [("nlc", "Director"), ("lsc", "Chairman")],
            },
            {
                "person": "chen-ying",
                "role": "attended",
                "appointments": [("nlc", "Deputy Director"), ("lsc", "Vice Chairman")],
            },
            {
                "person": "chen-ying",
                "role": "presided",
                "appointments": [("nlc", "Deputy Director"), ("lsc", "Vice Chairman")],
            },
            {
                "person": "ren-haihong",
                "role": "attended",
                "appointments": [("cstm", "Director of the CSTM General Office")],
            },
            {
                "person": "qi-xin",
                "role": "attended",
                "appointments": [("cstm", "Director of the CSTM Exhibition and Education Center")],
            },
            {
                "person": "ren-hechun",
                "role": "attended",
                "appointments": [
                    (
                        "cstm",
                        "Director of the CSTM Information Network for Science Popularization Department",
                    )
                ],
            },
            {
                "person": "tang-gang",
                "role": "attended",
                "appointments": [
                    ("cstm", "Deputy Director of the CSTM Resources Management Department")
                ],
            },
            {
                "person": "long-jinjing",
                "role": "attended",
                "appointments": [
                    ("cstm", "Deputy Director of the CSTM Resources Management Department")
                ],
            },
            {
                "person": "zhao-yang",
                "role": "attended",
                "appointments": [
                    ("cstm", "Deputy Director of the CSTM Science Research Management Department")
                ],
            },
            {
                "person": "huo-ruijuan",
                "role": "attended",
                "appointments": [("nlc", "Director of the NLC General Office")],
            },
            {
                "person": "xie-qiang",
                "role": "attended",
                "appointments": [
                    ("nlc", "Director of the NLC Digital Resource & Service Department")
                ],
            },
            {
                "person": "li-chunming",
                "role": "attended",
                "appointments": [("nlc", "Director of the NLC Information Technology Department")],
            },
            {
                "person": "wang-yanhang",
                "role": "attended",
                "appointments": [
                    ("lsc", "Secretary-general of Secretariat of the Library Society of China")
                ],
            },
            {
                "person": "fan-hua",
                "role": "attended",
                "appointments": [
                    (
                        "nlc",
                        "Deputy Director of the NLC Research Institute (Coordination & Operation Management Division)",
                    )
                ],
            },
            {
                "person": "liao-yongxia",
                "role": "attended",
                "appointments": [("nlc", "Deputy Director of the NLC Social Education Department")],
            },
        ],
        # The six areas are stated as between the NLC and the CSTM.
        "commitments": [
            {
                "number": 1,
                "text": {
                    "en": "Both sides would jointly hold exhibitions, actively provide featured science popularization products and services, publicize and popularize ancient and modern scientific and cultural achievements to the public."
                },
                "category": "exhibitions",
            },
            {
                "number": 2,
                "text": {
                    "en": "Both sides would hold science popularization activities to cultivate the scientific spirit and scientific literacy of the public, such as lectures, youth summer camp, theme science education activities on campus or community, and so on."
                },
                "category": "science_popularisation",
            },
            {
                "number": 3,
                "text": {
                    "en": "Both sides would build a platform for academic exchange, improve the level of academic research, and strengthen the construction of talent team."
                },
                "category": "academic_exchange_talent",
            },
            {
                "number": 4,
                "text": {
                    "en": "Both sides would strengthen the sharing and cooperative publishing of literature resources, and create a social atmosphere of nationwide reading and advocating science."
                },
                "category": "resource_sharing",
            },
            {
                "number": 5,
                "text": {
                    "en": "Based on their own abundant digital resources, both sides would promote cooperative development and sharing of digital resources, and improve the efficiency of public services."
                },
                "category": "digital_resources_it",
            },
            {
                "number": 6,
                "text": {
                    "en": "Both sides would enhance information technology cooperation and exchanges, jointly promote the embedding of digital library, mobile library and China Digital Science and Technology Museum, explore the application of AR, VR, artificial intelligence and other technologies, and jointly build a resource and service platform for science popularization."
                },
                "category": "digital_resources_it",
            },
        ],
        "statements": [
            {
                "person": "rao-quan",
                "text": {
                    "en": (
                        'In his speech, Rao Quan said that science and technology museum was a public-welfare science education institution with the main function of exhibition education, which undertook the important responsibilities of popularizing scientific knowledge, carrying forward scientific spirit, disseminating scientific ideas and advocating scientific methods; the library was an important place to nourish the national soul and cultivate cultural confidence, and an important position to promote national reading and support citizens\' lifelong learning. The two industries had natural commonalities in carrying out science popularization education for the public and improving the scientific and cultural literacy of the whole people. For a long time, under the guidance of the CSTM, the NLC and the LSC, based on their respective advantages, science and technology museums and libraries at all levels throughout the nation had been actively exploring and innovating in supporting science and technology innovation and promoting the popularization of science and culture, and constantly making new breakthroughs. In particular, libraries and science and technology museums at all levels constantly deepened exchanges and cooperation with important time nodes as an opportunity, such as "World Book Day", "National Science and Technology Activity Week", and so on. '
                        "Rao Quan emphasized that we would continue to give full play to the literature and information advantages and social education platform advantages of the libraries, and further strengthen the cooperative development and sharing and mutual learning with the CSTM and science and technology museums in the nationwide in the construction of high-quality science popularization resources, science popularization exhibitions, science popularization lectures and so on. We should do a good job in popularizing science among people in the nationwide, promote the formation of a good atmosphere for the society to learn and use science, and promote the significant improvement of the scientific and cultural quality of people in the nationwide, so as to make greater contributions to the great development and prosperity of socialist culture and science and technology with Chinese characteristics, and to the overall construction of a socialist modern country."
                    )
                },
            },
            {
                "person": "yin-hao",
                "text": {
                    "en": (
                        'In his speech, Yin Hao said that both the CSTM and the NLC were the most influential venues in their respective fields, and undertook extremely important social responsibilities and missions in public service and science and culture education. In the new era, in the face of the constantly updated and developing demand of the public, how to give full play to their own brand, resources, channels and other advantages, and realize the resultant effect of "1 + 1" greater than "2" was a common issue of the times. "Great Union, Great Cooperation" had become the inevitable development trend in social public service industry. '
                        "Yin Hao stressed that the CSTM signed strategic cooperation agreements with the NLC and the LSC respectively to carry out in-depth and multi-dimensional cooperative development and sharing. We hoped to take this opportunity to further strengthen the cooperative development and sharing of resources between science and technology museums and libraries, further enrich and improve the resources development of science and technology museums and cultural venues, stimulate the curiosity and thirst for knowledge of the public, especially young people, and promote the spirit of scientists, and popularize the scientific spirit, scientific knowledge, scientific thought and scientific methods, which would accelerate the construction of modern public cultural service system, improve the scientific and cultural quality of people in the nationwide, and enhance cultural confidence."
                    )
                },
            },
        ],
        "notes": {
            "en": (
                "Yin Hao stated that the CSTM signed strategic cooperation agreements with the NLC and "
                "the LSC respectively; the platform records one tripartite framework agreement as "
                "reported. The six listed areas of activities are stated as between the NLC and the "
                "CSTM; the tour exhibition project is stated as between the LSC and the CSTM "
                '"according to the framework agreement". The NLC, the LSC and the CSTM had '
                "conducted extensive and in-depth research, exchange and discussion in the early "
                "stage. The persons in charge of related departments of the NLC, the LSC and the "
                "CSTM attended the ceremony."
            )
        },
        "sources": [
            {
                "key": "nlc-lsc-cstm",
                "title": "The NLC, the Library Society of China and the China Science and Technology Museum sign strategic cooperation framework agreement",
                "publisher": "National Library of China",
                "published_on": None,
                "url": None,
            },
        ],
    },
    # ================================================================ 003
    {
        "key": "pkpm-bjnews-2023",
        "kind": "strategic_cooperation_agreement",
        "title": {
            "en": "Strategic cooperation agreement between Prince Kung’s Palace Museum and Beijing News"
        },
        "parties": ["pkpm", "bjnews"],
        "signed": {
            "year": 2023,
            "month": 2,
            "day": 21,
            "year_status": "inferred",
            "year_reason": {
                "en": 'The report is dated "Updated: Feb 24, 2023" and says the ceremony was held "on Feb 21st"; the year 2023 is inferred from the report date.'
            },
        },
        "venue": {"en": "Beijing"},
        "status": "signed",
        "summary": {
            "en": (
                "The signing ceremony of a strategic cooperation agreement between Prince Kung’s "
                "Palace Museum and Beijing News was officially held in Beijing on Feb 21st; Feng "
                "Nai’en and Liu Junsheng signed. The two sides will carry out in-depth cooperation in "
                "media promotion, organizing cultural activities, and developing cultural and "
                "creative products. After the ceremony the two parties held a meeting to discuss how "
                "museum professionals and journalists can join forces to explore the historical and "
                "cultural significance behind the cultural relics, and provide the public with "
                "abundant cultural content in various forms, in celebration of the 40th anniversary "
                "of the founding of the museum."
            )
        },
        "participants": [
            {
                "person": "feng-naien",
                "role": "attended",
                "appointments": [("pkpm", "Director"), ("pkpm", "Party secretary")],
            },
            {
                "person": "feng-naien",
                "role": "signed",
                "appointments": [("pkpm", "Director"), ("pkpm", "Party secretary")],
            },
            {
                "person": "liu-junsheng",
                "role": "attended",
                "appointments": [("bjnews", "Party secretary"), ("bjnews", "Editor-in-chief")],
            },
            {
                "person": "liu-junsheng",
                "role": "signed",
                "appointments": [("bjnews", "Editor-in-chief")],
            },
            {
                "person": "su-ning",
                "role": "attended",
                "appointments": [("pkpm", "Deputy Director")],
            },
            {
                "person": "li-hai",
                "role": "attended",
                "appointments": [("bjnews", "Deputy Party secretary"), ("bjnews", "Chief editor")],
            },
        ],
        "commitments": [
            {
                "number": 1,
                "text": {
                    "en": "The museum will make full use of the various channels of Beijing News to distribute its rich cultural resources and communicate with the public, including its newspaper, website, and mobile application."
                },
                "category": "media_promotion",
            },
            {
                "number": 2,
                "text": {
                    "en": "The museum will also cooperate with Beijing News in the creation of high-quality online features and livestreams."
                },
                "category": "media_promotion",
            },
            {
                "number": 3,
                "text": {
                    "en": "The two sides will jointly organize cultural activities and events."
                },
                "category": "events_forums",
            },
            {
                "number": 4,
                "text": {
                    "en": "The two sides will collaborate in the development and customization of unique cultural and creative products, and share resources and channels for design, production, logistics, and sales."
                },
                "category": "cultural_creative_ip",
            },
        ],
        "statements": [],
        "notes": {
            "en": 'The signatories are named in a photo caption: "Feng Nai’en (R) and Liu Junsheng, editor-in-chief of Beijing News, signed a strategic cooperation agreement in Beijing."'
        },
        "sources": [
            {
                "key": "pkpm-bjnews",
                "title": "Strategic cooperation with local news media to promote innovative development",
                "publisher": None,
                "published_on": "2023-02-24",
                "url": None,
            },
        ],
    },
    # ================================================================ 004
    {
        "key": "cflb-dpm",
        "kind": "strategic_cooperation_agreement",
        "title": {
            "en": "Strategic cooperation agreement between the China Foreign Languages Bureau and the Palace Museum"
        },
        "parties": ["cflb", "dpm"],
        "signed": {
            "year": None,
            "month": 8,
            "day": 22,
            "year_status": "unstated",
            "year_reason": {
                "en": 'The report says only "On August 22". The only date in the source is the repost timestamp "2025/06/26 22:50:34" (DayDayNews), which does not give the year of signing.'
            },
        },
        "venue": {"en": "the Palace Museum"},
        "status": "signed",
        "summary": {
            "en": (
                "On August 22 the signing ceremony for strategic cooperation between the China "
                "Foreign Languages Bureau and the Palace Museum was held at the Palace Museum. The two "
                "parties will jointly carry out the project of going global for China's excellent "
                "traditional culture and jointly promote the overseas promotion of China's excellent "
                "traditional culture and exchanges and mutual learning of civilizations. Gao Anming "
                "and Lou Wei signed the agreement on behalf of the two parties; Zhu Hongwen hosted "
                "the ceremony; Du Zhanyuan and Wang Xudong delivered speeches."
            )
        },
        "participants": [
            {"person": "du-zhanyuan", "role": "attended", "appointments": [("cflb", "Director")]},
            {"person": "du-zhanyuan", "role": "spoke", "appointments": [("cflb", "Director")]},
            {
                "person": "wang-xudong",
                "role": "attended",
                "appointments": [
                    ("mct", "Member of the Party Leadership Group"),
                    ("dpm", "President"),
                ],
            },
            {
                "person": "wang-xudong",
                "role": "spoke",
                "appointments": [
                    ("mct", "Member of the Party Leadership Group"),
                    ("dpm", "President"),
                ],
            },
            {
                "person": "lu-cairong",
                "role": "attended",
                "appointments": [
                    ("cflb", "Deputy Director"),
                    ("cflb", "Secretary of the Party Committee of the Organization"),
                ],
            },
            {
                "person": "lu-cairong-palace-museum",
                "role": "attended",
                "appointments": [
                    ("dpm", "Secretary of the Party Committee"),
                    ("dpm", "Vice President"),
                ],
            },
            {
                "person": "luo-xianliang",
                "role": "attended",
                "appointments": [(None, "Secretary of the Discipline Inspection Commission")],
            },
            {
                "person": "zhu-hongwen",
                "role": "presided",
                "appointments": [("dpm", "Deputy Director")],
            },
            {
                "person": "gao-anming",
                "role": "signed",
                "appointments": [("cflb", "Deputy Director"), ("cflb", "Editor-in-Chief")],
            },
            {
                "person": "lou-wei",
                "role": "signed",
                "appointments": [("dpm", "Executive Vice President")],
            },
        ],
        "commitments": [
            {
                "number": 1,
                "text": {
                    "en": "The China Foreign Languages Administration will cooperate with the Palace Museum to jointly build a multilingual Chinese culture digital media platform."
                },
                "category": "international_communication",
            },
            {
                "number": 2,
                "text": {
                    "en": "Plan and publish a batch of cultural and artistic series books on the excellent traditional Chinese culture and suitable for the reading habits of overseas readers."
                },
                "category": "international_communication",
            },
            {
                "number": 3,
                "text": {
                    "en": "Jointly apply for the National Project for the Going Out of Culture."
                },
                "category": "international_communication",
            },
            {
                "number": 4,
                "text": {
                    "en": "Jointly hold the art exhibition and cultural forum with the theme of excellent traditional Chinese culture."
                },
                "category": "events_forums",
            },
        ],
        "statements": [
            {
                "person": "du-zhanyuan",
                "text": {
                    "en": (
                        "Du Zhanyuan pointed out that promoting Chinese culture to go global is an important part of strengthening the construction of international communication capabilities and is the common responsibility and mission of the China Foreign Languages Administration and the Palace Museum. The signing of the strategic cooperation agreement this time is of great significance for fully implementing the spirit of General Secretary Xi Jinping’s important speech, integrating high-quality resources between the two sides, giving full play to their respective advantages, and better promoting and spreading the excellent traditional Chinese culture. He expressed that he hopes to take this signing as an opportunity to build on the common mission of promoting the globalization of Chinese culture, give full play to the multilingual, multi-platform and multi-format advantages of Foreign Languages Bureau , fully explore the high-quality resources of the Palace Museum in the field of cultural communication, accurately connect with the international communication needs of both parties, further deepen cooperation in foreign publishing, cultural exchanges, and integrated media platform construction, continuously expand the areas of strategic cooperation, and jointly make new and greater contributions to enhancing the international influence of Chinese culture."
                    )
                },
            },
            {
                "person": "wang-xudong",
                "text": {
                    "en": (
                        "Wang Xudong pointed out that the Forbidden City and its cultural relics collected were the intelligent creations of the working people in ancient China. The Forbidden City is an important carrier of the 5,000-year-old Chinese civilization and a gathering place for the excellent traditional Chinese culture. Since its establishment, the Palace Museum has played an important role in protecting, inheriting, displaying China's excellent traditional culture, and promoting exchanges and mutual learning among civilizations, and has promoted the prosperity and development of the country's cultural undertakings and cultural industries. He said that the Palace Museum has unique cultural resource endowment and the deep accumulation of the Forbidden City Learning for decades. Relying on the professional and authoritative international communication resources of the China Foreign Languages Bureau and the all-media communication channels, the two sides will carry out in-depth cooperation in the construction of multilingual Chinese culture digital media platforms and overseas promotion of China's excellent traditional culture, jointly promote the creative transformation and innovative development of China's excellent traditional culture, and promote mutual exchanges and mutual learning between the people and the people of China and foreign countries."
                    )
                },
            },
        ],
        "notes": {
            "en": (
                "The source names Lu Cairong twice, once with titles at the China Foreign Languages "
                "Bureau and once with titles at the Palace Museum; both are kept as stated. The "
                'signing took place "Under the witness of the guests on both sides". A photo '
                "caption says Du Zhanyuan presented Wang Xudong with the first commemorative card of "
                'the fourth volume of "Xi Jinping: The Governance of China". Responsible persons '
                "of China.com, the Institute of Contemporary China and the World, Foreign Language "
                "Publishing House, Chaohua Publishing House and the Cultural Communication Center, "
                "responsible persons from the Bureau Office, Comprehensive Business Department and "
                "International Cooperation Department, and relevant responsible persons from the "
                'Palace Museum attended. The source also calls the bureau the "China Foreign '
                'Languages Administration".'
            )
        },
        "sources": [
            {
                "key": "cflb-dpm",
                "title": "On August 22, the signing ceremony for strategic cooperation between the China Foreign Languages Bureau and the Palace Museum was held at the Palace Museum. The two sides will jointly carry out the project of going global for China's excellent traditional culture and jointly pr",
                "publisher": "DayDayNews (repost)",
                "published_on": "2025-06-26",
                "url": None,
                "credits": {
                    "en": 'Supply: International Cooperation Department of China Foreign Languages Bureau; Supply: Palace Museum, China Network; Editor: Yuan Fan. Reposted by "hotcomm", category Latest News.',
                },
            },
        ],
    },
]


# --------------------------------------------------------------------------------------
# Initiatives and indicators
# --------------------------------------------------------------------------------------
# target: a planned value (None when the source gives only a measured figure).
# measurements: measured values; measured_on uses the last day of the period when only a
# year or month is known, with "precision" saying which.

INITIATIVES: list[dict[str, Any]] = [
    # ---- 002: LSC–CSTM tour exhibition, 14th Five-Year Plan period (a plan: no measurements)
    {
        "key": "lsc-cstm-tour-exhibition-14fyp",
        "title": {
            "en": "Tour exhibition project in county-level public libraries (14th Five-Year Plan period)"
        },
        "description": {
            "en": (
                "During the 14th Five-Year Plan Period, the LSC and the CSTM would implement a tour "
                "exhibition project, which would carry out free popular science education and "
                "cultural activities for the general public based on the national county-level "
                "public libraries and the county-level association for science and technology. The "
                "project would take the national county-level public libraries as the main activity "
                'position and the "China Mobile Science and Technology Museum" tour exhibition as '
                "the main activity carrier, integrating the existing exhibition and education "
                "resources of the physical science and technology museums and online resources of the "
                "digital museums, through offline exhibition, special lectures, online resources "
                "sharing and recommendation of popular science reading. According to the framework "
                "agreement, no less than 200 county-level public libraries would be covered during "
                "the 14th Five-Year Plan Period; in 2021 the project would be implemented in 40 "
                "county-level public libraries in 17 provinces (autonomous regions and "
                "municipalities)."
            )
        },
        "agreement": "nlc-lsc-cstm-2021",
        # Related areas (exhibitions; science popularization activities). The six numbered areas
        # are stated as between the NLC and the CSTM; this project is stated for the LSC and CSTM.
        "commitments": [1, 2],
        "lead": ["lsc", "cstm"],
        "partners": [],
        "status": "planned",
        "start": {"year": 2021, "month": None, "day": None},
        "end": {"year": 2025, "month": None, "day": None},
        "places": [],
        "indicators": [
            {
                "key": "county-libraries-14fyp",
                "metric": {"en": "County-level public libraries covered"},
                "unit": {"en": "libraries"},
                "comparator": "at_least",
                "baseline": None,
                "target": 200,
                "period_label": {"en": "14th Five-Year Plan period"},
                "period_start": "2021-01-01",
                "period_end": "2025-12-31",
                "target_evidence": {
                    "en": "According to the framework agreement, no less than 200 county-level public libraries would be covered during the 14th Five-Year Plan Period."
                },
                "measurements": [],
            },
            {
                "key": "county-libraries-2021",
                "metric": {
                    "en": "County-level public libraries where the tour exhibition project is implemented in 2021"
                },
                "unit": {"en": "libraries"},
                "comparator": "exactly",
                "baseline": None,
                "target": 40,
                "period_label": {"en": "2021"},
                "period_start": "2021-01-01",
                "period_end": "2021-12-31",
                "target_evidence": {
                    "en": "In 2021, the tour exhibition project would be implemented in 40 county-level public libraries in 17 provinces (autonomous regions and municipalities)."
                },
                "measurements": [],
            },
            {
                "key": "provinces-2021",
                "metric": {
                    "en": "Provinces (autonomous regions and municipalities) where the tour exhibition project is implemented in 2021"
                },
                "unit": {"en": "provinces (autonomous regions and municipalities)"},
                "comparator": "exactly",
                "baseline": None,
                "target": 17,
                "period_label": {"en": "2021"},
                "period_start": "2021-01-01",
                "period_end": "2021-12-31",
                "target_evidence": {
                    "en": "In 2021, the tour exhibition project would be implemented in 40 county-level public libraries in 17 provinces (autonomous regions and municipalities)."
                },
                "measurements": [],
            },
        ],
    },
    # ---- 002: the 2020 pilot (predates the agreement)
    {
        "key": "lsc-cstm-pilot-tour-2020",
        "title": {"en": "Pilot tour exhibition project (2020)"},
        "description": {
            "en": (
                "In 2020, the LSC and the CSTM had overcome the adverse effects of COVID-19, and "
                "launched a pilot tour exhibition project, which selected Deqing, Zhejiang Province, "
                "Zhangshu, Jiangxi Province and Dunhuang, Gansu Province as the pilot places. The "
                "exhibition lasted for 2 months, and the total number of people visiting the "
                "exhibition was over 55,000 person-times, which received good response."
            )
        },
        "agreement": "nlc-lsc-cstm-2021",
        "commitments": [1, 2],
        "lead": ["lsc", "cstm"],
        "partners": [],
        "status": "completed",
        "start": {"year": 2020, "month": None, "day": None},
        "end": None,
        "places": ["330521", "360982", "620982"],
        "indicators": [
            {
                "key": "pilot-sites",
                "metric": {"en": "Pilot places"},
                "unit": {"en": "places"},
                "comparator": "exactly",
                "baseline": None,
                "target": 3,
                "period_label": None,
                "period_start": None,
                "period_end": None,
                "measurements": [
                    {
                        "measured_on": "2020-12-31",
                        "precision": "year",
                        "value": 3,
                        "qualifier": "exact",
                        "evidence": {
                            "en": "launched a pilot tour exhibition project, which selected Deqing, Zhejiang Province, Zhangshu, Jiangxi Province and Dunhuang, Gansu Province as the pilot places."
                        },
                        "source": "nlc-lsc-cstm",
                    },
                ],
            },
            {
                "key": "pilot-visitors",
                "metric": {"en": "Total number of people visiting the exhibition"},
                "unit": {"en": "person-times"},
                "comparator": "at_least",
                "baseline": None,
                "target": None,
                "period_label": None,
                "period_start": None,
                "period_end": None,
                "measurements": [
                    {
                        "measured_on": "2020-12-31",
                        "precision": "year",
                        "value": 55000,
                        "qualifier": "more_than",
                        "evidence": {
                            "en": "the total number of people visiting the exhibition was over 55,000 person-times, which received good response."
                        },
                        "source": "nlc-lsc-cstm",
                    },
                ],
            },
            {
                "key": "pilot-duration",
                "metric": {"en": "Duration of the exhibition"},
                "unit": {"en": "months"},
                "comparator": "exactly",
                "baseline": None,
                "target": None,
                "period_label": None,
                "period_start": None,
                "period_end": None,
                "measurements": [
                    {
                        "measured_on": "2020-12-31",
                        "precision": "year",
                        "value": 2,
                        "qualifier": "exact",
                        "evidence": {"en": "The exhibition lasted for 2 months"},
                        "source": "nlc-lsc-cstm",
                    },
                ],
            },
        ],
    },
    # ---- 000: earlier NLC–BPG cooperation named by Kang Wei
    {
        "key": "beijing-ancient-books-database",
        "title": {"en": "Beijing Ancient Books Database"},
        "description": {
            "en": 'Cooperative research and development by the NLC and Beijing Publishing Group, on which both sides "had made certain achievements" (according to Kang Wei).'
        },
        "agreement": "nlc-bpg-2021",
        "commitments": [1, 2],
        "lead": ["nlc", "bpg"],
        "partners": [],
        "status": "unknown",
        "start": None,
        "end": None,
        "places": [],
        "indicators": [],
    },
    {
        "key": "shi-wu-ben-cao-tu-pu",
        "title": {"en": "Shi Wu Ben Cao Tu Pu (transliteration): new book and gift box"},
        "description": {
            "en": (
                "In April 2021, the new book and gift box of Shi Wu Ben Cao Tu Pu (transliteration) "
                "were jointly issued by Beijing Guotu Innovation and Cultural Services Co., Ltd., "
                "affiliated to the NLC, and Ruoqing Scientific and Creative Cultural Development "
                "(Beijing) Co., Ltd., affiliated to Beijing Publishing Group, which attracted wide "
                'attention of the public and created a successful model of "publishing + cultural '
                'and creative product". Kang Wei said both sides had made certain achievements on '
                "the cultural and creative product development of Shi Wu Ben Cao Tu Pu."
            )
        },
        "agreement": "nlc-bpg-2021",
        "commitments": [2, 3],
        "lead": ["guotu"],
        "partners": ["ruoqing"],
        "status": "completed",
        "start": {"year": 2021, "month": 4, "day": None},
        "end": {"year": 2021, "month": 4, "day": None},
        "places": [],
        "indicators": [],
    },
    {
        "key": "ancient-atlas-beijing-tianjin-hebei",
        "title": {"en": "Ancient atlas of Beijing, Tianjin and Hebei"},
        "description": {
            "en": "Jointly developed by the NLC and Beijing Publishing Group; it had become a special funding project for the national ancient books collation and publication (according to Kang Wei)."
        },
        "agreement": "nlc-bpg-2021",
        "commitments": [2],
        "lead": ["nlc", "bpg"],
        "partners": [],
        "status": "unknown",
        "start": None,
        "end": None,
        "places": [],
        "indicators": [],
    },
    # ---- 001
    {
        "key": "nlc-creative-products-alliance",
        "title": {"en": "Creative cultural product development alliance"},
        "description": {
            "en": "The National Library of China united 37 libraries nationwide to build a creative cultural product development alliance in September 2017, aiming to promote the creative cultural industry."
        },
        "agreement": "nlc-shftz-2018",
        "commitments": [2],
        "lead": ["nlc"],
        "partners": [],
        "status": "unknown",
        "start": {"year": 2017, "month": 9, "day": None},
        "end": None,
        "places": [],
        "indicators": [
            {
                "key": "alliance-member-libraries",
                "metric": {"en": "Libraries nationwide united in the alliance"},
                "unit": {"en": "libraries"},
                "comparator": "exactly",
                "baseline": None,
                "target": None,
                "period_label": None,
                "period_start": None,
                "period_end": None,
                "measurements": [
                    {
                        "measured_on": "2017-09-30",
                        "precision": "month",
                        "value": 37,
                        "qualifier": "exact",
                        "evidence": {
                            "en": "It united 37 libraries nationwide to build a creative cultural product development alliance in September 2017, aiming to promote the creative cultural industry."
                        },
                        "source": "nlc-shftz",
                    },
                ],
            },
        ],
    },
    {
        "key": "nlc-ip-products-shftz",
        "title": {"en": "Development of NLC IP products with the Shanghai FTZ"},
        "description": {
            "en": "Sun Yigang, deputy director of the National Library, said that the library now has over 600 IP products and more will be developed based on the cooperation with Shanghai FTZ."
        },
        "agreement": "nlc-shftz-2018",
        "commitments": [1, 2],
        "lead": ["nlc"],
        "partners": ["shftz"],
        "status": "planned",
        "start": None,
        "end": None,
        "places": [],
        "indicators": [
            {
                "key": "nlc-ip-products",
                "metric": {"en": "IP products of the National Library of China"},
                "unit": {"en": "IP products"},
                "comparator": "at_least",
                "baseline": 600,
                "target": None,
                "period_label": None,
                "period_start": None,
                "period_end": None,
                "measurements": [
                    {
                        "measured_on": "2018-06-15",
                        "precision": "day",
                        "value": 600,
                        "qualifier": "more_than",
                        "evidence": {
                            "en": "Sun Yigang, deputy director of the National Library, said that the library now has over 600 IP products and more will be developed based on the cooperation with Shanghai FTZ."
                        },
                        "note": {
                            "en": 'Dated with the report date ("Updated: 2018-06-15"); the report does not say when the statement was made.'
                        },
                        "source": "nlc-shftz",
                    },
                ],
            },
        ],
    },
    # ---- 003
    {
        "key": "pkpm-40th-anniversary-content",
        "title": {
            "en": "Cultural content for the 40th anniversary of the founding of Prince Kung’s Palace Museum"
        },
        "description": {
            "en": "After the signing ceremony, the two parties held a meeting to discuss how museum professionals and journalists can join forces to explore the historical and cultural significance behind the cultural relics, and provide the public with abundant cultural content in various forms, in celebration of the 40th anniversary of the founding of the museum."
        },
        "agreement": "pkpm-bjnews-2023",
        "commitments": [1, 2],
        "lead": ["pkpm", "bjnews"],
        "partners": [],
        "status": "planned",
        "start": None,
        "end": None,
        "places": [],
        "indicators": [],
    },
    # ---- 004
    {
        "key": "going-global-traditional-culture",
        "title": {"en": "Project of going global for China's excellent traditional culture"},
        "description": {
            "en": "The two parties will jointly carry out the project of going global for China's excellent traditional culture and jointly promote the overseas promotion of China's excellent traditional culture and exchanges and mutual learning of civilizations."
        },
        "agreement": "cflb-dpm",
        "commitments": [1, 2, 3, 4],
        "lead": ["cflb", "dpm"],
        "partners": [],
        "status": "planned",
        "start": None,
        "end": None,
        "places": [],
        "indicators": [],
    },
]
