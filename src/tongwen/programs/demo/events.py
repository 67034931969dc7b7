"""Demo events: the kinds of programme the source agreements promise, with sample schedules.

What is true comes from the agreements' sources (see ``tongwen/agreements/demo/data.py``):
who organises, which commitment an event delivers ("lectures, youth summer camp, theme science
education activities on campus or community"; "research courses"; "a cultural space
integrating books, culture creation, training, exhibition, study and experience"; "online
features and livestreams"; "the art exhibition and cultural forum"). The sources give no dates,
rooms, capacities or links for these events: those are sample values, and every description
says so in both languages ("Sample schedule" / "示例日程"), every venue is ``is_sample``, and the
registrations are obviously fake readers at example.org.

Everything goes through the services as the system; running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tongwen.agreements.models import Commitment, Initiative
from tongwen.common.actors import SYSTEM
from tongwen.institutions.models import Institution
from tongwen.programs.models import Event, Registration, Venue
from tongwen.programs.services import events as event_services
from tongwen.programs.services import registration as registration_services
from tongwen.programs.services import venues as venue_services

SAMPLE_NOTE = {
    "en": "Sample schedule: the sources name this kind of event but give no date, place, "
    "capacity or link; those shown here are made up for demonstration.",
    "zh-Hans": "示例日程：资料来源提到此类活动，但未给出日期、地点、名额或链接；"
    "此处所示均为演示用的示例数据。",
}

VENUES: list[dict[str, Any]] = [
    {
        "slug": "sample-nlc-lecture-hall",
        "name": {"zh-Hans": "示例场馆：国家图书馆报告厅", "en": "Sample venue: NLC lecture hall"},
        "kind": "library",
        "institution": "nlc",
        "division_code": "110108",
        "capacity": 300,
    },
    {
        "slug": "sample-cstm-classroom",
        "name": {
            "zh-Hans": "示例场馆：中国科学技术馆教室",
            "en": "Sample venue: CSTM classroom",
        },
        "kind": "science_museum",
        "institution": "cstm",
        "division_code": "110105",
        "capacity": 60,
    },
    {
        "slug": "sample-community-centre",
        "name": {"zh-Hans": "示例场馆：社区文化中心", "en": "Sample venue: community centre"},
        "kind": "community",
        "institution": None,
        "division_code": "110108",
        "capacity": 80,
    },
    {
        "slug": "sample-cultural-space",
        "name": {
            "zh-Hans": "示例场馆：书香文化空间",
            "en": "Sample venue: books and culture space",
        },
        "kind": "bookshop",
        "institution": "bpg",
        "division_code": "110102",
        "capacity": 40,
    },
    {
        "slug": "sample-palace-museum-hall",
        "name": {"zh-Hans": "示例场馆：故宫博物院展厅", "en": "Sample venue: Palace Museum hall"},
        "kind": "museum",
        "institution": "dpm",
        "division_code": "110101",
        "capacity": 500,
    },
]


def _when(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local time ``days`` from today: sample dates stay in the future whenever loaded."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _one(days: int, hour: int, hours: float) -> list[dict[str, Any]]:
    start = _when(days, hour)
    return [{"starts_at": start, "ends_at": start + dt.timedelta(hours=hours)}]


def _text(en: str, zh: str) -> dict[str, str]:
    return {
        "en": f"{en}\n\n{SAMPLE_NOTE['en']}",
        "zh-Hans": f"{zh}\n\n{SAMPLE_NOTE['zh-Hans']}",
    }


def _events() -> list[dict[str, Any]]:
    camp_days = [
        {
            "starts_at": _when(40 + day, 9),
            "ends_at": _when(40 + day, 16),
            "title": {"en": f"Day {day + 1}", "zh-Hans": f"第{day + 1}天"},
        }
        for day in range(5)
    ]
    course_classes = [
        {
            "starts_at": _when(21 + 7 * week, 14),
            "ends_at": _when(21 + 7 * week, 16),
            "title": title,
        }
        for week, title in enumerate(
            [
                {"en": "Reading a classic", "zh-Hans": "读一部经典"},
                {"en": "Inside the library's collections", "zh-Hans": "走进图书馆馆藏"},
                {"en": "Making a book of our own", "zh-Hans": "做一本自己的书"},
            ]
        )
    ]
    return [
        {
            "slug": "demo-science-lecture",
            "kind": "lecture",
            "title": {
                "zh-Hans": "科普讲座：古今科学文化成就",
                "en": "Science popularization lecture: ancient and modern achievements",
            },
            "description": _text(
                "The NLC and the CSTM agreed to hold science popularization activities such as "
                "lectures (framework agreement of 11 March 2021, area 2).",
                "国家图书馆与中国科学技术馆约定举办讲座等科普活动（2021年3月11日框架协议第二项）。",
            ),
            "organiser": "cstm",
            "partners": ["nlc"],
            "agreement": "nlc-lsc-cstm-2021",
            "commitments": [2],
            "initiatives": [],
            "venue": "sample-nlc-lecture-hall",
            "audience": "general",
            "booking": "whole",
            "capacity": 80,
            "sessions": _one(14, 14, 1.5),
            "registrations": 3,
        },
        {
            "slug": "demo-youth-summer-camp",
            "kind": "summer_camp",
            "title": {"zh-Hans": "青少年科普夏令营", "en": "Youth science summer camp"},
            "description": _text(
                "A youth summer camp, one of the science popularization activities the NLC and "
                "the CSTM agreed to hold (area 2). Five days, booked as one.",
                "国家图书馆与中国科学技术馆约定举办的科普活动之一：青少年夏令营（第二项）。共五天，一次报名。",
            ),
            "organiser": "cstm",
            "partners": ["nlc"],
            "agreement": "nlc-lsc-cstm-2021",
            "commitments": [2],
            "initiatives": [],
            "venue": "sample-cstm-classroom",
            "audience": "youth",
            "booking": "whole",
            "capacity": 30,
            "sessions": camp_days,
            "registrations": 2,
        },
        {
            "slug": "demo-community-science-series",
            "kind": "science_activity",
            "title": {
                "zh-Hans": "社区主题科学教育活动（每周）",
                "en": "Theme science education in the community (weekly)",
            },
            "description": _text(
                "Theme science education activities on campus or in the community (area 2), as "
                "a weekly series; each week is booked separately.",
                "校园或社区主题科学教育活动（第二项），每周一次，每次单独报名。",
            ),
            "organiser": "cstm",
            "partners": ["nlc"],
            "agreement": "nlc-lsc-cstm-2021",
            "commitments": [2],
            "initiatives": [],
            "venue": "sample-community-centre",
            "audience": "families",
            "booking": "per_session",
            "capacity": 25,
            "sessions": event_services.recurring_sessions(
                first_start=_when(10, 10),
                duration=dt.timedelta(hours=2),
                every_days=7,
                count=4,
            ),
            "registrations": 2,
        },
        {
            "slug": "demo-research-study-course",
            "kind": "study_course",
            "title": {"zh-Hans": "经典阅读研学课程", "en": "Classics research and study course"},
            "description": _text(
                "Beijing Publishing Group and the NLC agreed to plan and develop research "
                "courses for users, using the group's books in education, children and art and "
                "the NLC's resources (agreement area 4). Three classes, booked as one.",
                "北京出版集团与国家图书馆约定，利用集团教育、少儿、艺术类图书与国图资源，为用户策划开发研学课程（第四项）。共三课，一次报名。",
            ),
            "organiser": "bpg",
            "partners": ["nlc"],
            "agreement": "nlc-bpg-2021",
            "commitments": [4],
            "initiatives": [],
            "venue": "sample-cultural-space",
            "audience": "children",
            "booking": "whole",
            "capacity": 20,
            "sessions": course_classes,
            "registrations": 2,
        },
        {
            "slug": "demo-cultural-space-open-day",
            "kind": "reading_promotion",
            "title": {
                "zh-Hans": "文化空间开放日：阅读推广",
                "en": "Cultural space open day: reading",
            },
            "description": _text(
                "The two sides agreed to create a cultural space integrating books, culture "
                "creation, training, exhibition, study and experience (agreement area 5).",
                "双方约定共建集图书、文创、培训、展览、研学、体验于一体的文化空间（第五项）。",
            ),
            "organiser": "bpg",
            "partners": ["nlc"],
            "agreement": "nlc-bpg-2021",
            "commitments": [5],
            "initiatives": [],
            "venue": "sample-cultural-space",
            "audience": "general",
            "booking": "none",
            "capacity": None,
            "sessions": _one(18, 10, 7),
            "registrations": 0,
        },
        {
            "slug": "demo-prince-kung-livestream",
            "kind": "livestream",
            "title": {
                "zh-Hans": "恭王府文物故事直播",
                "en": "Prince Kung’s Palace: relics livestream",
            },
            "description": _text(
                "Prince Kung’s Palace Museum will cooperate with Beijing News in the creation of "
                "high-quality online features and livestreams (agreement of 2023).",
                "恭王府博物馆将与新京报合作打造高质量的线上专题和直播（2023年协议）。",
            ),
            "organiser": "pkpm",
            "partners": ["bjnews"],
            "agreement": "pkpm-bjnews-2023",
            "commitments": [2],
            "initiatives": ["pkpm-40th-anniversary-content"],
            "venue": None,
            "online_url": "https://live.example.org/sample/prince-kung",
            "audience": "general",
            "booking": "none",
            "capacity": None,
            "sessions": _one(7, 19, 1),
            "registrations": 0,
        },
        {
            "slug": "demo-traditional-culture-art-exhibition",
            "kind": "exhibition",
            "title": {
                "zh-Hans": "中华优秀传统文化主题艺术展",
                "en": "Art exhibition on excellent traditional Chinese culture",
            },
            "description": _text(
                "The China Foreign Languages Bureau and the Palace Museum agreed to jointly hold "
                "the art exhibition with the theme of excellent traditional Chinese culture.",
                "中国外文局与故宫博物院约定联合举办以中华优秀传统文化为主题的艺术展。",
            ),
            "organiser": "dpm",
            "partners": ["cflb"],
            "agreement": "cflb-dpm",
            "commitments": [4],
            "initiatives": ["going-global-traditional-culture"],
            "venue": "sample-palace-museum-hall",
            "audience": "general",
            "booking": "none",
            "capacity": None,
            "sessions": [{"starts_at": _when(30, 9), "ends_at": _when(90, 17)}],
            "registrations": 0,
        },
        {
            "slug": "demo-traditional-culture-forum",
            "kind": "forum",
            "title": {
                "zh-Hans": "中华优秀传统文化主题文化论坛",
                "en": "Cultural forum on excellent traditional Chinese culture",
            },
            "description": _text(
                "The China Foreign Languages Bureau and the Palace Museum agreed to jointly hold "
                "the cultural forum with the theme of excellent traditional Chinese culture.",
                "中国外文局与故宫博物院约定联合举办以中华优秀传统文化为主题的文化论坛。",
            ),
            "organiser": "cflb",
            "partners": ["dpm"],
            "agreement": "cflb-dpm",
            "commitments": [4],
            "initiatives": ["going-global-traditional-culture"],
            "venue": "sample-palace-museum-hall",
            "audience": "professionals",
            "booking": "whole",
            "capacity": 200,
            "sessions": _one(31, 9, 8),
            "registrations": 2,
        },
    ]


def _venue(spec: dict[str, Any], institutions: dict[str, Institution]) -> Venue:
    existing = Venue.objects.filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    return venue_services.venue_create(
        actor=SYSTEM,
        slug=spec["slug"],
        name=spec["name"],
        kind=spec["kind"],
        division_code=spec["division_code"],
        institution=institutions[spec["institution"]] if spec["institution"] else None,
        capacity=spec["capacity"],
        is_sample=True,
        note={
            "en": "Sample venue: not named in the sources.",
            "zh-Hans": "示例场馆：资料来源中未提及。",
        },
    )


def _sample_registrations(event: Event, count: int, first_number: int) -> int:
    made = 0
    sessions = list(event.sessions.all())
    for offset in range(count):
        number = first_number + offset
        registration_services.registration_create(
            event=event,
            name=f"示例读者 {number} / Sample reader {number}",
            email=f"sample-reader-{number}@example.org",
            session=sessions[offset % len(sessions)]
            if event.booking == Event.Booking.PER_SESSION
            else None,
        )
        made += 1
    return made


@transaction.atomic
def load_events_demo() -> dict[str, int]:
    """Load the demo events (and their sample venues and registrations) not yet present."""
    from tongwen.agreements.demo.loader import load_demo

    load_demo()  # the institutions, agreements and initiatives the events hang off
    institutions = {i.slug: i for i in Institution.objects.all()}
    venues = {spec["slug"]: _venue(spec, institutions) for spec in VENUES}
    added = registrations = 0
    reader = Registration.objects.filter(email__startswith="sample-reader-").count() + 1
    for spec in _events():
        if Event.objects.filter(slug=spec["slug"]).exists():
            continue
        commitments = list(
            Commitment.objects.filter(
                agreement__slug=spec["agreement"], number__in=spec["commitments"]
            )
        )
        event = event_services.event_create(
            actor=SYSTEM,
            slug=spec["slug"],
            kind=spec["kind"],
            title=spec["title"],
            description=spec["description"],
            organiser=institutions[spec["organiser"]],
            partners=[institutions[key] for key in spec["partners"]],
            initiatives=list(Initiative.objects.filter(slug__in=spec["initiatives"])),
            commitments=commitments,
            venue=venues[spec["venue"]] if spec["venue"] else None,
            online_url=spec.get("online_url", ""),
            audience=spec["audience"],
            booking=spec["booking"],
            capacity=spec["capacity"],
            status=Event.Status.PUBLISHED,
            sessions=spec["sessions"],
        )
        added += 1
        made = _sample_registrations(event, spec["registrations"], reader)
        reader += made
        registrations += made
    return {"events": added, "venues": len(venues), "registrations": registrations}
