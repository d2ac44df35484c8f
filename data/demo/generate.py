#!/usr/bin/env python3
"""Generate data/demo/zanjan.json, the Zanjan province demo data set for Nikoo.

Python 3.11, standard library only, deterministic (fixed random seed).

    python3 data/demo/generate.py          # writes zanjan.json next to this file

Conventions used while writing the Persian text below: an underscore "_"
inside a Persian string stands for a zero-width non-joiner (U+200C) and is
replaced when the file is written, so the source stays readable. Dates in
the text assume the seed's date, 2025-12-03, as "today"; gifts and
deliveries are stored relative to the load date (days_ago).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from pathlib import Path

SEED = 20251203
REF = dt.date(2025, 12, 3)
ZWNJ = "\u200c"
OUT = Path(__file__).resolve().parent / "zanjan.json"

rng = random.Random(SEED)


def L(fa: str, en: str) -> dict:
    return {"fa": fa, "en": en}


FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def fa_num(n: int) -> str:
    return f"{n:,}".replace(",", "٬").translate(FA_DIGITS)


def en_num(n: int) -> str:
    return f"{n:,}"


# ---------------------------------------------------------------- centers

CENTERS = [
    dict(
        slug="mehr-zanjan", county="zanjan",
        name=L("مرکز نیکوکاری مهر زنجان", "Mehr Charity Center, Zanjan"),
        description=L(
            "مرکز نیکوکاری مهر با همراهی خیّران و داوطلبان محله_های شهر زنجان از خانواده_های نیازمند حمایت می_کند "
            "و مددجویان را با کمک راهبران شغلی به سوی اشتغال پایدار می_برد.",
            "Mehr Charity Center works with benefactors and volunteers from Zanjan's neighborhoods to support "
            "families in need, and helps clients into lasting work with the guidance of job coaches."),
        address=L("زنجان، خیابان سعدی وسط، کوچه نسترن، پلاک ۱۴",
                  "14 Nastaran Alley, Saadi-e Vasat St., Zanjan"),
    ),
    dict(
        slug="omid-abhar", county="abhar",
        name=L("مرکز نیکوکاری امید ابهر", "Omid Charity Center, Abhar"),
        description=L(
            "این مرکز با برگزاری دوره_های مهارت_آموزی خیاطی و کمک به تهیه جهیزیه، در کنار زنان سرپرست خانوار "
            "و خانواده_های تحت حمایت شهرستان ابهر است.",
            "The center stands by women heads of household and supported families in Abhar county, with "
            "sewing courses and help setting up a first home."),
        address=L("ابهر، بلوار امام خمینی، خیابان فردوسی، پلاک ۳۸",
                  "38 Ferdowsi St., Imam Khomeini Blvd., Abhar"),
    ),
    dict(
        slug="nour-qeydar", county="khodabandeh",
        name=L("مرکز نیکوکاری نور قیدار", "Nour Charity Center, Qeydar"),
        description=L(
            # Deliberately spelled «میکند» without ZWNJ, as in the seed text (search test).
            "مرکز نیکوکاری نور در شهر قیدار، مرکز شهرستان خدابنده، فعالیت میکند. این مرکز در کنار توزیع سبد غذایی، "
            "کارگاه_های قالی_بافی را برای مددجویان روستاهای اطراف برپا کرده است.",
            "Nour Charity Center operates in Qeydar, the seat of Khodabandeh county. Alongside food basket "
            "distribution, it runs carpet-weaving workshops for clients from the surrounding villages."),
        address=L("قیدار، خیابان طالقانی، جنب مسجد جامع، پلاک ۵",
                  "5 Taleghani St., next to the Jameh Mosque, Qeydar"),
    ),
    dict(
        slug="hamdeli-khorramdarreh", county="khorramdarreh",
        name=L("مرکز نیکوکاری همدلی خرمدره", "Hamdeli Charity Center, Khorramdarreh"),
        description=L(
            "مرکز همدلی با همکاری دندان_پزشکان داوطلب شهرستان، هزینه درمان و مراقبت دهان و دندان کودکان "
            "خانواده_های کم_برخوردار را تأمین می_کند.",
            "Working with volunteer dentists in the county, Hamdeli pays for dental treatment and oral care "
            "for children from low-income families."),
        address=L("خرمدره، خیابان شهید بهشتی، کوچه لاله، پلاک ۹",
                  "9 Laleh Alley, Shahid Beheshti St., Khorramdarreh"),
    ),
    dict(
        slug="baran-tarom", county="tarom",
        name=L("مرکز نیکوکاری باران طارم", "Baran Charity Center, Tarom"),
        description=L(
            "مرکز باران در آب_بر، مرکز شهرستان طارم، به روستاهای دورافتاده دره قزل_اوزن خدمت_رسانی می_کند؛ "
            "از سوخت و وسایل گرمایشی زمستان تا کلاس_های جبرانی برای دانش_آموزان روستایی.",
            "Based in Ab-bar, the seat of Tarom county, Baran serves remote villages of the Qezel Ozan valley, "
            "from winter fuel and heaters to catch-up classes for village pupils."),
        address=L("آب_بر، خیابان ولیعصر، روبه_روی فرمانداری، پلاک ۲۲",
                  "22 Valiasr St., opposite the county governorate, Ab-bar"),
    ),
    dict(
        slug="kuhpayeh-mahneshan", county="mahneshan",
        name=L("مرکز نیکوکاری کوهپایه ماهنشان", "Kuhpayeh Charity Center, Mahneshan"),
        description=L(
            "این مرکز در شهرستان کوهستانی ماهنشان، که بسیاری از روستاهایش در زمستان صعب_العبور می_شوند، "
            "برای آموزش کودکان و گرم نگه_داشتن خانه_های روستایی تلاش می_کند.",
            "In mountainous Mahneshan county, where many villages become hard to reach in winter, the center "
            "works to keep children in school and village homes warm."),
        address=L("ماهنشان، خیابان اصلی، کوچه بهار، پلاک ۷", "7 Bahar Alley, Main St., Mahneshan"),
    ),
    dict(
        slug="mehrvarzan-soltaniyeh", county="soltaniyeh",
        name=L("مرکز نیکوکاری مهرورزان سلطانیه", "Mehrvarzan Charity Center, Soltaniyeh"),
        description=L(
            "مرکز مهرورزان با آموزش کشت گلخانه_ای و همراهی در راه_اندازی کسب_وکارهای خانگی، به مددجویان "
            "سلطانیه کمک می_کند تا به درآمد پایدار برسند.",
            "Mehrvarzan teaches greenhouse farming and helps clients in Soltaniyeh set up home businesses "
            "on the way to a steady income."),
        address=L("سلطانیه، میدان گنبد، خیابان الجایتو، پلاک ۱۱", "11 Oljeitu St., Dome Square, Soltaniyeh"),
    ),
    dict(
        slug="zarrin-ijrud", county="ijrud",
        name=L("مرکز نیکوکاری زرین ایجرود", "Zarrin Charity Center, Ijrud"),
        description=L(
            "مرکز زرین در زرین_آباد، مرکز شهرستان ایجرود، با طرح_های زنبورداری و دامداری کوچک، خانواده_های "
            "روستایی را در مسیر خودکفایی همراهی می_کند.",
            "Based in Zarrinabad, the seat of Ijrud county, Zarrin supports rural families on the road to "
            "self-sufficiency with beekeeping and small livestock projects."),
        address=L("زرین_آباد، بلوار انقلاب، پلاک ۴۰", "40 Enghelab Blvd., Zarrinabad"),
    ),
]
for c in CENTERS:
    c["time_zone"] = "Asia/Tehran"
CENTER_COUNTY = {c["slug"]: c["county"] for c in CENTERS}


# ---------------------------------------------------------------- programs
# Private planning fields (stripped from the output):
#   money needs:  fill (received / target), n (typical number of one-off gifts),
#                 spend (list of disbursement descriptions; one disbursement each)
#   in-kind:      recv (list of received quantities), pledge (quantity, due_in_days),
#                 deliver (list of (quantity, beneficiaries)), dtext (fa, en templates)

def money(key, fa, en, target, fill, n, spend=()):
    return dict(key=key, kind="money", title=L(fa, en), target=target, _fill=fill, _n=n, _spend=list(spend))


def inkind(key, fa, en, ufa, uen, target, unit_value, recv=(), pledge=None, deliver=(), dtext=None, recv_days=None):
    return dict(key=key, kind="in_kind", title=L(fa, en), unit=L(ufa, uen), target_quantity=target,
                unit_value=unit_value, _recv=list(recv), _pledge=pledge, _deliver=list(deliver), _dtext=dtext,
                _recv_days=recv_days)


PROGRAMS = [
    # 1 -------------------------------------------------------------------------------------------
    dict(
        slug="job-coaches-zanjan", center="mehr-zanjan", category="employment_livelihood",
        status="active", start_date="2024-09-01", end_date=None, featured=True,
        title=L("راهبران شغلی برای ۱۲۰ خانوار مددجو", "Job coaches for 120 client households"),
        summary=L("راهبران شغلی، مددجویان شهر زنجان را از انتخاب شغل تا گرفتن نخستین درآمد همراهی می_کنند.",
                  "Job coaches walk clients in Zanjan from choosing a trade to earning their first income."),
        description=L(
            "در این طرح، شش راهبر شغلی هر کدام حدود بیست خانوار را همراهی می_کنند: شناخت توانایی_ها، انتخاب "
            "شغل مناسب، نوشتن طرح کسب_وکار، گرفتن وام قرض_الحسنه و پیگیری تا وقتی که درآمد خانواده پایدار شود. "
            "هدف این است که کمک_ها فقط نیاز امروز را برطرف نکند، بلکه خانواده را به خودکفایی برساند.",
            "Six job coaches each accompany about twenty households: assessing skills, choosing a suitable "
            "trade, writing a business plan, securing an interest-free loan, and following up until the "
            "family's income is steady. The aim is for help not only to meet today's needs but to lead the "
            "family to self-sufficiency."),
        needs=[
            money("coach-stipends", "حق_الزحمه یک سال یک راهبر شغلی", "One year of stipend for one job coach",
                  3_600_000_000, 0.55, 10,
                  spend=[L("پرداخت حق_الزحمه سه ماه نخست راهبر شغلی", "Job coach stipend for the first three months"),
                         L("پرداخت حق_الزحمه سه ماه دوم راهبر شغلی", "Job coach stipend for the next three months")]),
            money("startup-capital", "سرمایه اولیه کسب_وکارهای خانگی", "Seed capital for home businesses",
                  9_000_000_000, 0.35, 8),
            inkind("work-tools", "جعبه_ابزار برای مشاغل فنی", "Tool kits for skilled trades", "جعبه", "kit",
                   30, 45_000_000, pledge=(10, 20)),
        ],
    ),
    # 2 -------------------------------------------------------------------------------------------
    dict(
        slug="beekeeping-ijrud", center="zarrin-ijrud", category="employment_livelihood",
        status="active", start_date="2025-03-21", end_date=None, featured=False,
        title=L("زنبورداری برای خانواده_های روستایی ایجرود", "Beekeeping for rural families in Ijrud"),
        summary=L("به ۲۵ خانوار روستایی کندو، تجهیزات و آموزش زنبورداری می_دهیم تا از فروش عسل درآمد داشته باشند.",
                  "We give 25 rural households hives, equipment and beekeeping training so they can earn a "
                  "living from honey."),
        description=L(
            "دامنه_های ایجرود برای زنبورداری بسیار مناسب است، اما بیشتر خانواده_های مددجو سرمایه خرید کندو و "
            "تجهیزات را ندارند. هر خانوار ده کندوی پرجمعیت، لباس و ابزار کار و یک دوره آموزشی دریافت می_کند و "
            "یک زنبوردار باتجربه از همین منطقه تا نخستین برداشت عسل کنارشان می_ماند.",
            "The slopes of Ijrud are well suited to beekeeping, but most client families cannot afford hives "
            "and equipment. Each household receives ten populated hives, protective gear and tools, and a "
            "training course, and an experienced local beekeeper stays with them until their first honey "
            "harvest."),
        needs=[
            inkind("hives", "کندوی پرجمعیت زنبور عسل", "Populated beehives", "کندو", "hive", 250, 35_000_000,
                   recv=[60, 60], pledge=(50, 45), deliver=[(100, 10)],
                   dtext=("تحویل {q} کندو به {b} خانوار در روستاهای ایجرود",
                          "{q} hives handed to {b} households in Ijrud villages")),
            money("equipment", "لباس و ابزار زنبورداری", "Protective suits and beekeeping tools",
                  1_250_000_000, 0.6, 6,
                  spend=[L("خرید لباس، دودی و ابزار زنبورداری برای ده خانوار",
                           "Suits, smokers and hive tools for ten households")]),
            money("training", "دوره آموزش زنبورداری", "Beekeeping training course", 400_000_000, 0.0, 0),
        ],
    ),
    # 3 -------------------------------------------------------------------------------------------
    dict(
        slug="carpet-weaving-qeydar", center="nour-qeydar", category="skills_training",
        status="active", start_date="2024-11-01", end_date=None, featured=True,
        title=L("کارگاه قالی_بافی برای زنان سرپرست خانوار قیدار",
                "Carpet-weaving workshop for women heads of household in Qeydar"),
        summary=L("دوره شش_ماهه مهارت_آموزی قالی_بافی، همراه با دار و مواد اولیه تا بافندگان بتوانند در خانه کار کنند.",
                  "A six-month carpet-weaving course, with a loom and materials so weavers can work from home."),
        description=L(
            "قالی_بافی در روستاهای خدابنده پیشینه_ای طولانی دارد. در این طرح، ۴۰ زن سرپرست خانوار زیر نظر دو "
            "استادکار، بافت و نقشه_خوانی را یاد می_گیرند و پس از پایان دوره، دار قالی و مواد اولیه نخستین فرش "
            "را دریافت می_کنند. فرش_های بافته_شده از راه تعاونی محلی فروخته می_شود.",
            "Carpet weaving has a long tradition in Khodabandeh's villages. In this program 40 women heads of "
            "household learn weaving and pattern reading from two master weavers, and at the end of the course "
            "receive a loom and the materials for their first carpet. Finished carpets are sold through a local "
            "cooperative."),
        needs=[
            inkind("looms", "دار قالی فلزی", "Metal carpet looms", "دستگاه", "loom", 40, 120_000_000,
                   recv=[40], deliver=[(38, 38)],
                   dtext=("تحویل {q} دار قالی به {b} بافنده پس از پایان دوره",
                          "{q} looms handed to {b} weavers who completed the course")),
            money("wool", "پشم و نخ برای نخستین فرش", "Wool and yarn for the first carpet",
                  2_400_000_000, 0.7, 8),
            money("instructors", "حق_التدریس استادکاران", "Master weavers' teaching fees",
                  1_080_000_000, 0.5, 5),
        ],
    ),
    # 4 -------------------------------------------------------------------------------------------
    dict(
        slug="sewing-workshop-abhar", center="omid-abhar", category="skills_training",
        status="active", start_date="2025-01-15", end_date=None, featured=False,
        title=L("آموزش خیاطی و راه_اندازی تولیدی خانگی", "Sewing training and home workshops"),
        summary=L("زنان مددجوی ابهر خیاطی می_آموزند و با چرخ خیاطی اهدایی، کار در خانه را آغاز می_کنند.",
                  "Women clients in Abhar learn to sew and start working from home with a donated sewing machine."),
        description=L(
            "دوره چهارماهه خیاطی در کارگاه مرکز برگزار می_شود و دوخت لباس کار، لباس مدرسه و تعمیر لباس را در بر "
            "می_گیرد. هنرجویانی که دوره را کامل کنند یک چرخ خیاطی صنعتی می_گیرند و راهبر شغلی مرکز آنها را برای "
            "گرفتن سفارش به تولیدی_های شهر معرفی می_کند.",
            "The four-month course runs in the center's workshop and covers workwear, school uniforms and "
            "alterations. Trainees who complete it receive an industrial sewing machine, and the center's job "
            "coach introduces them to garment workshops in town for orders."),
        needs=[
            inkind("sewing-machines", "چرخ خیاطی صنعتی", "Industrial sewing machines", "دستگاه", "machine",
                   30, 150_000_000, recv=[10, 8], pledge=(6, -10), deliver=[(12, 12)],
                   dtext=("تحویل {q} چرخ خیاطی به {b} هنرجوی دوره اول",
                          "{q} sewing machines handed to {b} graduates of the first course")),
            money("fabric", "پارچه و لوازم دوخت کارگاه", "Fabric and sewing supplies for the workshop",
                  600_000_000, 1.0, 7,
                  spend=[L("خرید پارچه، نخ و لوازم دوخت برای دوره دوم", "Fabric, thread and notions for the second course")]),
            money("trainer", "حق_التدریس مربی خیاطی", "Sewing instructor's fees", 480_000_000, 0.4, 4),
        ],
    ),
    # 5 -------------------------------------------------------------------------------------------
    dict(
        slug="greenhouse-soltaniyeh", center="mehrvarzan-soltaniyeh", category="skills_training",
        status="completed", start_date="2024-10-01", end_date="2025-09-30", featured=False,
        title=L("آموزش کشت گلخانه_ای در سلطانیه", "Greenhouse farming training in Soltaniyeh"),
        summary=L("۱۸ مددجو در یک گلخانه آموزشی ۵۰۰ متری، کشت خیار و گوجه را از بذر تا فروش تجربه کردند.",
                  "18 clients learned to grow cucumbers and tomatoes, from seed to sale, in a 500 m² training "
                  "greenhouse."),
        description=L(
            "این طرح یک_ساله با ساخت یک گلخانه آموزشی در حاشیه سلطانیه آغاز شد. مددجویان زیر نظر کارشناس "
            "کشاورزی، کاشت، آبیاری قطره_ای، مبارزه با آفات و فروش محصول را به_صورت عملی یاد گرفتند و محصول دو "
            "فصل کشت میان خودشان تقسیم شد. طرح به پایان رسیده و گزارش کامل هزینه_ها منتشر شده است.",
            "This one-year program began by building a training greenhouse on the edge of Soltaniyeh. Under an "
            "agronomist's supervision, clients learned planting, drip irrigation, pest control and selling "
            "their produce hands-on, and shared the harvest of two growing seasons. The program has ended and "
            "its full spending report is published."),
        needs=[
            money("greenhouse-build", "ساخت سازه و پوشش گلخانه", "Greenhouse frame and covering",
                  3_500_000_000, 1.0, 12,
                  spend=[L("خرید و نصب سازه فلزی گلخانه", "Steel frame for the greenhouse, bought and installed"),
                         L("پوشش پلاستیکی و درهای گلخانه", "Plastic covering and doors for the greenhouse")]),
            money("drip-irrigation", "سامانه آبیاری قطره_ای", "Drip irrigation system", 650_000_000, 1.05, 5,
                  spend=[L("خرید و نصب لوله، قطره_چکان و فیلتر", "Pipes, drippers and filters, bought and installed")]),
            inkind("seedlings", "سینی نشای خیار و گوجه", "Trays of cucumber and tomato seedlings", "سینی", "tray",
                   200, 1_800_000, recv=[200], deliver=[(200, 18)], recv_days=(185, 215),
                   dtext=("کاشت {q} سینی نشا به دست {b} هنرجو در گلخانه آموزشی",
                          "{q} seedling trays planted by {b} trainees in the training greenhouse")),
        ],
    ),
    # 6 -------------------------------------------------------------------------------------------
    dict(
        slug="medical-costs-zanjan", center="mehr-zanjan", category="health",
        status="active", start_date="2024-06-01", end_date=None, featured=True,
        title=L("کمک به هزینه درمان بیماران نیازمند", "Help with medical costs for patients in need"),
        summary=L("بخشی از هزینه درمان، دارو و جراحی مددجویانی را که بیمه کامل ندارند، پرداخت می_کنیم.",
                  "We pay part of the treatment, medication and surgery costs of clients without full insurance."),
        description=L(
            "بسیاری از خانواده_های مددجو با وجود بیمه، از پس هزینه داروهای خاص، جراحی یا توان_بخشی برنمی_آیند. "
            "مددکار مرکز هر پرونده را با مدارک پزشکی بررسی می_کند و کمک مستقیم به بیمارستان یا داروخانه پرداخت "
            "می_شود، نه به_صورت نقدی به خانواده.",
            "Even with insurance, many client families cannot afford specialty drugs, surgery or "
            "rehabilitation. The center's social worker reviews each case with its medical records, and the "
            "money goes straight to the hospital or pharmacy rather than to the family in cash."),
        needs=[
            money("surgery", "هزینه جراحی و بستری", "Surgery and hospital stays", 8_000_000_000, 0.45, 14,
                  spend=[L("سهم مرکز از هزینه جراحی قلب یک مددجو", "Center's share of a client's heart surgery"),
                         L("پرداخت هزینه بستری و جراحی چهار بیمار به بیمارستان",
                           "Hospital and surgery bills for four patients, paid to the hospital")]),
            money("medication", "داروهای خاص و گران_قیمت", "Specialty and high-cost medication",
                  4_500_000_000, 0.6, 10),
            inkind("wheelchairs", "ویلچر", "Wheelchairs", "دستگاه", "wheelchair", 15, 95_000_000,
                   recv=[6],
                   dtext=("تحویل {q} ویلچر به {b} بیمار", "{q} wheelchairs handed to {b} patients")),
        ],
    ),
    # 7 -------------------------------------------------------------------------------------------
    dict(
        slug="child-dental-khorramdarreh", center="hamdeli-khorramdarreh", category="health",
        status="active", start_date="2025-02-01", end_date=None, featured=False,
        title=L("لبخند سالم: دندان_پزشکی کودکان", "Healthy Smiles: dental care for children"),
        summary=L("معاینه، پرکردن و درمان ریشه دندان برای ۲۰۰ کودک از خانواده_های تحت حمایت.",
                  "Check-ups, fillings and root canal treatment for 200 children from supported families."),
        description=L(
            "پوسیدگی دندان در کودکان خانواده_های کم_درآمد بسیار شایع است و درمان آن برای این خانواده_ها گران "
            "تمام می_شود. دندان_پزشکان داوطلب خرمدره با تعرفه کمتر کار می_کنند و این طرح هزینه مواد، درمان_های "
            "تخصصی و بسته_های بهداشت دهان را تأمین می_کند.",
            "Tooth decay is very common among children from low-income families, and treating it is expensive "
            "for them. Volunteer dentists in Khorramdarreh work at reduced rates, and this program pays for "
            "materials, specialist treatment and oral hygiene kits."),
        needs=[
            money("treatment", "هزینه درمان دندان_پزشکی کودکان", "Children's dental treatment",
                  2_000_000_000, 0.6, 8,
                  spend=[L("پرداخت هزینه درمان ۴۵ کودک به دندان_پزشکان همکار",
                           "Treatment for 45 children, paid to partner dentists")]),
            inkind("hygiene-kits", "بسته بهداشت دهان و دندان", "Oral hygiene kits", "بسته", "kit",
                   200, 1_500_000, recv=[250],
                   dtext=("توزیع {q} بسته بهداشت دهان میان {b} کودک در مدرسه_های خرمدره",
                          "{q} oral hygiene kits given to {b} children in Khorramdarreh schools")),
        ],
    ),
    # 8 -------------------------------------------------------------------------------------------
    dict(
        slug="school-supplies-mahneshan", center="kuhpayeh-mahneshan", category="education",
        status="completed", start_date="2025-07-23", end_date="2025-10-15", featured=False,
        title=L("کیف و لوازم_التحریر برای دانش_آموزان روستایی ماهنشان",
                "School bags and supplies for village pupils in Mahneshan"),
        summary=L("پیش از بازگشایی مدرسه_ها، ۳۰۰ دانش_آموز روستایی کیف، نوشت_افزار و کاپشن گرم گرفتند.",
                  "Before schools reopened, 300 village pupils received a bag, stationery and a warm jacket."),
        description=L(
            "در روستاهای دورافتاده ماهنشان، هزینه آغاز سال تحصیلی برای خانواده_های پرجمعیت سنگین است. با کمک "
            "خیّران، برای هر دانش_آموز یک کیف کامل با دفتر و نوشت_افزار و یک کاپشن گرم تهیه شد و داوطلبان آنها را "
            "به مدرسه_های روستایی رساندند. این طرح به پایان رسیده است.",
            "In Mahneshan's remote villages, the start of the school year is a heavy cost for large families. "
            "With benefactors' help, every pupil got a full bag with notebooks and stationery and a warm jacket, "
            "and volunteers took them out to the village schools. This program has ended."),
        needs=[
            inkind("school-bags", "کیف مدرسه همراه با لوازم_التحریر", "School bags with stationery", "بسته", "set",
                   300, 6_500_000, recv=[180, 120], deliver=[(300, 300)],
                   dtext=("تحویل {q} کیف و لوازم_التحریر به {b} دانش_آموز در ۱۴ روستا",
                          "{q} school bags with stationery handed to {b} pupils in 14 villages")),
            money("winter-jackets", "کاپشن زمستانی دانش_آموزان", "Winter jackets for pupils",
                  1_500_000_000, 1.0, 14,
                  spend=[L("خرید ۳۰۰ کاپشن زمستانی از تولیدی زنجان", "300 winter jackets from a Zanjan clothing maker")]),
            money("transport", "هزینه حمل به روستاها", "Transport to the villages", 120_000_000, 1.2, 4),
        ],
    ),
    # 9 -------------------------------------------------------------------------------------------
    dict(
        slug="village-tutoring-tarom", center="baran-tarom", category="education",
        status="active", start_date="2024-10-15", end_date=None, featured=True,
        title=L("کلاس_های جبرانی برای روستاهای دورافتاده طارم", "Catch-up classes for remote villages of Tarom"),
        summary=L("معلمان داوطلب و حق_التدریسی هفته_ای دو بار در روستاهای طارم کلاس ریاضی، علوم و زبان برگزار می_کنند.",
                  "Volunteer and paid tutors hold maths, science and English classes twice a week in Tarom's "
                  "villages."),
        description=L(
            "دانش_آموزان روستاهای بالادست طارم به کلاس تقویتی و معلم خصوصی دسترسی ندارند و بسیاری از آنها پس از "
            "دوره ابتدایی ترک تحصیل می_کنند. این طرح هزینه رفت_وآمد و حق_التدریس معلمان، کتاب کمک_آموزشی و چند "
            "تبلت را برای کلاس_های مجازی زمستان، وقتی راه_ها بسته می_شود، تأمین می_کند.",
            "Pupils in Tarom's upland villages have no access to extra classes or private tutors, and many drop "
            "out after primary school. This program pays tutors' fees and travel, workbooks, and a few tablets "
            "for online classes in winter, when the roads close."),
        needs=[
            money("tutor-fees", "حق_التدریس و ایاب_وذهاب معلمان", "Tutors' fees and travel",
                  2_700_000_000, 0.5, 6,
                  spend=[L("حق_التدریس و کرایه رفت_وآمد معلمان در نیم_سال اول",
                           "Tutors' fees and travel for the first term")]),
            inkind("workbooks", "کتاب کمک_آموزشی", "Workbooks", "جلد", "book", 400, 1_200_000,
                   recv=[150], pledge=(100, 40),
                   dtext=("توزیع {q} جلد کتاب کمک_آموزشی میان {b} دانش_آموز",
                          "{q} workbooks given to {b} pupils")),
            inkind("tablets", "تبلت آموزشی", "Tablets for online classes", "دستگاه", "tablet", 20, 110_000_000,
                   pledge=(5, 30)),
        ],
    ),
    # 10 ------------------------------------------------------------------------------------------
    dict(
        slug="orphan-sponsorship-zanjan", center="mehr-zanjan", category="family_sponsorship",
        status="active", start_date="2024-03-20", end_date=None, featured=True,
        title=L("کفالت فرزندان ایتام و محسنین", "Sponsoring orphaned and vulnerable children"),
        summary=L("با کفالت ماهانه، هزینه خوراک، تحصیل و درمان کودکان بی_سرپرست و بدسرپرست را تأمین کنید.",
                  "A monthly sponsorship covers food, schooling and healthcare for children who have lost a "
                  "parent or lack proper care."),
        description=L(
            "مبلغ کفالت هر ماه مستقیم به حساب خانواده کودک واریز می_شود و مددکار مرکز، وضعیت تحصیل و سلامت کودک "
            "را پیگیری می_کند. نیکوکاران می_توانند برای یک کودک تعهد ماهانه بدهند یا به صندوق مشترک کفالت کمک "
            "کنند؛ نام و مشخصات کودکان هرگز منتشر نمی_شود.",
            "Sponsorship money is paid every month straight into the child's family account, and the center's "
            "social worker follows the child's schooling and health. Donors can pledge monthly for one child or "
            "give to the shared sponsorship fund; children's names and details are never published."),
        needs=[
            money("monthly-sponsorship", "کفالت ماهانه ۲۰ کودک به مدت یک سال",
                  "Monthly sponsorship for 20 children for a year", 4_800_000_000, 0.75, 14,
                  spend=[L("واریز کفالت سه ماه به حساب ۲۰ خانواده", "Three months of sponsorship paid to 20 families"),
                         L("واریز کفالت سه ماه بعد به حساب ۲۰ خانواده",
                           "The next three months of sponsorship paid to 20 families")]),
            money("school-fees", "هزینه تحصیل و کلاس_های فوق_برنامه", "School costs and extra classes",
                  1_800_000_000, 0.3, 5),
        ],
    ),
    # 11 ------------------------------------------------------------------------------------------
    dict(
        slug="winter-heating-tarom", center="baran-tarom", category="housing_heating",
        status="active", start_date="2024-10-01", end_date=None, featured=True,
        title=L("زمستان گرم برای روستاهای طارم", "A warm winter for Tarom's villages"),
        summary=L("نفت سفید، بخاری ایمن و پتو برای خانوارهای روستاهای کوهستانی طارم که به شبکه گاز وصل نیستند.",
                  "Heating oil, safe heaters and blankets for households in Tarom's mountain villages that are "
                  "not on the gas grid."),
        description=L(
            "بسیاری از روستاهای کوهستانی طارم هنوز به شبکه گاز وصل نیستند و خانواده_ها زمستان را با بخاری نفتی "
            "فرسوده سر می_کنند. داوطلبان مرکز پیش از بارش برف، نفت سفید، بخاری نو با استاندارد ایمنی و پتو را به "
            "خانه_ها می_رسانند و بخاری_های کهنه را جمع می_کنند.",
            "Many of Tarom's mountain villages are still not on the gas grid, and families get through the "
            "winter with worn-out kerosene heaters. Before the snow comes, the center's volunteers deliver "
            "heating oil, new safety-certified heaters and blankets to homes and take away the old heaters."),
        needs=[
            inkind("heating-oil", "نفت سفید", "Heating oil (kerosene)", "لیتر", "litre", 40_000, 40_000,
                   recv=[8_000, 16_000], pledge=(10_000, 15),
                   deliver=[(20_000, 100)],
                   dtext=("توزیع {q} لیتر نفت سفید میان {b} خانوار روستایی",
                          "{q} litres of heating oil delivered to {b} village households")),
            inkind("heaters", "بخاری نفتی با استاندارد ایمنی", "Safety-certified kerosene heaters",
                   "دستگاه", "heater", 120, 85_000_000, recv=[25, 20], pledge=(20, -5), deliver=[(40, 40)],
                   dtext=("نصب {q} بخاری نو در خانه_های {b} خانوار و جمع_آوری بخاری_های کهنه",
                          "{q} new heaters installed in {b} homes and the old ones taken away")),
            inkind("blankets", "پتوی دونفره", "Double blankets", "تخته", "blanket", 500, 7_500_000,
                   recv=[500], deliver=[(420, 140)],
                   dtext=("توزیع {q} تخته پتو میان {b} خانوار", "{q} blankets given to {b} households")),
            money("fuel-fund", "خرید و حمل سوخت", "Buying and hauling fuel", 3_600_000_000, 0.7, 26,
                  spend=[L("کرایه تانکر برای رساندن نفت به روستاهای بالادست",
                           "Tanker hire to haul heating oil to the upland villages")]),
        ],
    ),
    # 12 (the one EUR program) ---------------------------------------------------------------------
    dict(
        slug="diaspora-warm-homes-mahneshan", center="kuhpayeh-mahneshan", category="housing_heating",
        status="active", start_date="2025-01-10", end_date=None, featured=True,
        title=L("خانه_های گرم ماهنشان با کمک ایرانیان خارج از کشور",
                "Warm homes in Mahneshan, funded by Iranians abroad"),
        summary=L("هم_استانی_های مقیم اروپا، عایق_کاری سقف و پنجره دوجداره خانه_های روستایی ماهنشان را تأمین می_کنند.",
                  "Zanjanis living in Europe fund roof insulation and double-glazed windows for village homes "
                  "in Mahneshan."),
        description=L(
            "بخش بزرگی از گرمای خانه_های روستایی قدیمی از سقف و پنجره_ها هدر می_رود. جمعی از زنجانی_های مقیم آلمان، "
            "هلند و سوئد پشتیبان این طرح_اند: عایق_کاری سقف و نصب پنجره دوجداره برای ۶۰ خانه، به دست استادکاران "
            "محلی. کمک_های این طرح به یورو دریافت و گزارش می_شود.",
            "Much of the heat in old village houses escapes through the roof and windows. A group of Zanjanis "
            "living in Germany, the Netherlands and Sweden back this program: roof insulation and double-glazed "
            "windows for 60 homes, fitted by local builders. Gifts to this program are received and reported "
            "in euros."),
        currency="EUR",
        needs=[
            money("roof-insulation", "عایق_کاری سقف ۶۰ خانه", "Roof insulation for 60 homes", 1_800_000, 1.0, 10,
                  spend=[L("خرید پشم سنگ و ایزوگام برای ۳۰ خانه", "Rock wool and roofing membrane for 30 homes")]),
            money("windows", "پنجره دوجداره", "Double-glazed windows", 2_400_000, 0.45, 8),
            money("local-labour", "دستمزد استادکاران محلی", "Local builders' wages", 900_000, 0.15, 3),
        ],
    ),
    # 13 ------------------------------------------------------------------------------------------
    dict(
        slug="food-baskets-khodabandeh", center="nour-qeydar", category="food_essentials",
        status="active", start_date="2024-09-01", end_date=None, featured=False,
        title=L("سبد غذایی ماهانه برای خانواده_های نیازمند خدابنده",
                "Monthly food baskets for families in need in Khodabandeh"),
        summary=L("هر ماه برای ۱۵۰ خانوار سبدی از برنج، روغن، حبوبات، مرغ و لبنیات آماده و توزیع می_شود.",
                  "Every month a basket of rice, oil, pulses, chicken and dairy is packed and delivered to "
                  "150 households."),
        description=L(
            "با گرانی اقلام خوراکی، خانواده_های بی_درآمد و سالمندان تنها بیش از همه آسیب می_بینند. داوطلبان مرکز "
            "نور سبدها را در انبار مرکز بسته_بندی می_کنند و به روستاهای اطراف قیدار می_برند. نیکوکاران می_توانند "
            "سبد آماده اهدا کنند یا برای خرید عمده کمک نقدی بدهند.",
            "As food prices rise, families with no income and elderly people living alone are hit hardest. "
            "Nour's volunteers pack the baskets in the center's storeroom and drive them out to the villages "
            "around Qeydar. Donors can give ready baskets or money for bulk buying."),
        needs=[
            inkind("food-baskets", "سبد غذایی کامل", "Complete food baskets", "سبد", "basket", 900, 40_000_000,
                   recv=[420], pledge=(100, 10), deliver=[(380, 150)],
                   dtext=("توزیع {q} سبد غذایی میان {b} خانوار", "{q} food baskets delivered to {b} households")),
            inkind("rice", "برنج ایرانی", "Iranian rice", "کیسه ۱۰ کیلویی", "10 kg bag", 300, 18_000_000,
                   recv=[90]),
            money("bulk-purchase", "خرید عمده اقلام غذایی", "Bulk food purchases", 12_000_000_000, 0.55, 14,
                  spend=[L("خرید عمده روغن، حبوبات و مرغ برای سبدهای ماهانه",
                           "Bulk oil, pulses and chicken for the monthly baskets")]),
        ],
    ),
    # 14 ------------------------------------------------------------------------------------------
    dict(
        slug="ramadan-food-zanjan", center="mehr-zanjan", category="food_essentials",
        status="completed", start_date="2025-02-15", end_date="2025-04-05", featured=False,
        title=L("طرح اطعام و سبد غذایی ماه رمضان", "Ramadan meals and food baskets"),
        summary=L("در ماه رمضان، ۴۰۰ سبد غذایی و ۳٬۰۰۰ وعده افطاری گرم میان خانواده_های نیازمند زنجان توزیع شد.",
                  "During Ramadan, 400 food baskets and 3,000 hot iftar meals went to families in need in Zanjan."),
        description=L(
            "این طرح با مشارکت هیئت_ها، نانوایی_ها و خیّران محله_ها اجرا شد. سبدهای غذایی پیش از آغاز ماه رمضان "
            "توزیع شد و افطاری گرم هر شب در آشپزخانه مرکز پخته و به خانه_ها رسانده شد. این طرح به پایان رسیده است.",
            "The program ran with neighborhood religious groups, bakeries and local benefactors. Food baskets "
            "went out before Ramadan began, and hot iftar meals were cooked every evening in the center's "
            "kitchen and delivered to homes. The program has ended."),
        needs=[
            inkind("ramadan-baskets", "سبد غذایی رمضان", "Ramadan food baskets", "سبد", "basket", 400, 40_000_000,
                   recv=[400], deliver=[(400, 400)],
                   dtext=("توزیع {q} سبد غذایی رمضان میان {b} خانوار",
                          "{q} Ramadan food baskets delivered to {b} households")),
            money("iftar-meals", "وعده_های افطاری گرم", "Hot iftar meals", 4_500_000_000, 1.02, 15,
                  spend=[L("خرید برنج، گوشت و مواد اولیه افطاری دهه اول",
                           "Rice, meat and ingredients for the first ten days of iftar meals"),
                         L("مواد اولیه و ظروف یک_بار مصرف افطاری دهه دوم و سوم",
                           "Ingredients and containers for iftar meals in the second and third ten days")]),
        ],
    ),
    # 15 ------------------------------------------------------------------------------------------
    dict(
        slug="tarom-flood-relief", center="baran-tarom", category="emergency_relief",
        status="completed", start_date="2025-04-15", end_date="2025-07-20", featured=False,
        title=L("امداد به سیل_زدگان طارم", "Flood relief for Tarom"),
        summary=L("پس از سیل بهاری در روستاهای حاشیه قزل_اوزن، به خانوارهای آسیب_دیده چادر، پتو، غذا و کمک نقدی "
                  "برای بازسازی رسید.",
                  "After the spring flood along the Qezel Ozan, affected households received tents, blankets, "
                  "food and cash to rebuild."),
        description=L(
            "بارش_های شدید اواخر فروردین، سیل را به چند روستای طارم کشاند و به خانه_ها، باغ_های زیتون و دام_ها "
            "آسیب زد. مرکز باران در همان ساعت_های نخست همراه با داوطلبان بسیج امداد، اقلام اضطراری را رساند و "
            "سپس با کمک خیّران، بخشی از هزینه تعمیر خانه_ها را پرداخت کرد.",
            "Heavy rain in mid-April sent floodwater through several Tarom villages, damaging homes, olive "
            "groves and livestock. Within the first hours Baran's staff and relief volunteers brought emergency "
            "supplies, and later, with benefactors' help, paid part of the cost of repairing homes."),
        needs=[
            money("emergency-cash", "کمک نقدی اضطراری به خانوارها", "Emergency cash for households",
                  3_000_000_000, 1.1, 14,
                  spend=[L("کمک نقدی اضطراری به ۶۰ خانوار سیل_زده", "Emergency cash for 60 flood-hit households")]),
            money("home-repair", "تعمیر خانه_های آسیب_دیده", "Repairing damaged homes", 6_000_000_000, 0.85, 10,
                  spend=[L("مصالح و دستمزد تعمیر ۱۲ خانه در روستاهای پایین_دست",
                           "Materials and labour to repair 12 homes in the lower villages"),
                         L("تعمیر سقف و دیوار ۹ خانه دیگر", "Roof and wall repairs for 9 more homes")]),
            inkind("flood-blankets", "پتو", "Blankets", "تخته", "blanket", 300, 7_500_000,
                   recv=[300], deliver=[(300, 75)],
                   dtext=("توزیع {q} تخته پتو میان {b} خانوار سیل_زده",
                          "{q} blankets given to {b} flood-hit households")),
            inkind("tents", "چادر امدادی", "Relief tents", "دستگاه", "tent", 40, 60_000_000,
                   recv=[40], deliver=[(36, 36)],
                   dtext=("برپایی {q} چادر امدادی برای {b} خانوار بی_سرپناه",
                          "{q} relief tents put up for {b} households left without shelter")),
        ],
    ),
    # 16 ------------------------------------------------------------------------------------------
    dict(
        slug="dowry-essentials-abhar", center="omid-abhar", category="family_sponsorship",
        status="active", start_date="2025-03-01", end_date=None, featured=False,
        title=L("تأمین جهیزیه برای نوعروسان خانواده_های مددجو", "Wedding essentials for brides from supported families"),
        summary=L("به زوج_های جوان خانواده_های تحت حمایت کمک می_کنیم زندگی مشترک را با لوازم ضروری خانه آغاز کنند.",
                  "We help young couples from supported families start married life with the household "
                  "essentials."),
        description=L(
            "هزینه جهیزیه یکی از بزرگ_ترین نگرانی_های خانواده_های کم_درآمد است. این طرح برای هر نوعروس یخچال، "
            "اجاق گاز و بسته لوازم آشپزخانه فراهم می_کند و خرید به_صورت عمده و با تخفیف از فروشندگان محلی ابهر "
            "انجام می_شود.",
            "The cost of setting up a home is one of the biggest worries of low-income families. This program "
            "gives each bride a fridge-freezer, a cooker and a set of kitchenware, bought in bulk and at a "
            "discount from local sellers in Abhar."),
        needs=[
            inkind("refrigerators", "یخچال_فریزر", "Fridge-freezers", "دستگاه", "fridge-freezer", 25, 350_000_000,
                   recv=[7], pledge=(5, 60), deliver=[(6, 6)],
                   dtext=("تحویل {q} یخچال_فریزر به {b} نوعروس", "{q} fridge-freezers handed to {b} brides")),
            inkind("cookers", "اجاق گاز", "Gas cookers", "دستگاه", "cooker", 25, 180_000_000, pledge=(10, 25)),
            money("kitchen-sets", "بسته لوازم آشپزخانه", "Kitchenware sets", 1_500_000_000, 0.0, 0),
        ],
    ),
]


# ---------------------------------------------------------------- donors

PERSIAN_DONORS = [
    ("زهرا محمدی", "zahra.mohammadi"), ("علی رضایی", "ali.rezaei"), ("فاطمه حسینی", "fatemeh.hosseini"),
    ("محمد کریمی", "mohammad.karimi"), ("مریم احمدی", "maryam.ahmadi"), ("حسین موسوی", "hossein.mousavi"),
    ("سمیه جعفری", "somayeh.jafari"), ("رضا قاسمی", "reza.ghasemi"), ("نرگس صادقی", "narges.sadeghi"),
    ("مهدی نوری", "mehdi.nouri"), ("لیلا رحیمی", "leila.rahimi"), ("امیر عباسی", "amir.abbasi"),
    ("معصومه اکبری", "masoumeh.akbari"), ("جواد حیدری", "javad.heydari"), ("الهام کاظمی", "elham.kazemi"),
    ("سعید مرادی", "saeed.moradi"), ("طاهره زنجانی", "tahereh.zanjani"), ("ابوالفضل سلطانی", "abolfazl.soltani"),
    ("نسرین ابهری", "nasrin.abhari"), ("حمید بیگدلی", "hamid.bigdeli"), ("شهلا افشار", "shahla.afshar"),
    ("یوسف قره_باغی", "yousef.gharabaghi"), ("پروین شاهسون", "parvin.shahsavan"),
    ("مجید خدابنده_لو", "majid.khodabandehlou"), ("کبری ترابی", "kobra.torabi"), ("بهروز یوسفی", "behrouz.yousefi"),
    ("اعظم نجفی", "azam.najafi"), ("ناصر امیری", "naser.amiri"), ("رقیه باقری", "roghayeh.bagheri"),
    ("محسن طاهرخانی", "mohsen.taherkhani"), ("سکینه دلاوری", "sakineh.delavari"),
    ("کاظم ذوالفقاری", "kazem.zolfaghari"), ("منیژه فرهادی", "manijeh.farhadi"),
    ("اصغر جهانگیری", "asghar.jahangiri"), ("فریبا کیانی", "fariba.kiani"), ("داوود سبحانی", "davoud.sobhani"),
    ("مینا لطفی", "mina.lotfi"), ("غلامرضا شریفی", "gholamreza.sharifi"), ("زینب اسدی", "zeynab.asadi"),
    ("بهزاد رستمی", "behzad.rostami"), ("هاجر محمودی", "hajar.mahmoudi"),
    ("یعقوب علی_محمدی", "yaghoub.alimohammadi"),
]
# Local businesses that give goods (always named, with an e-mail).
BUSINESS_DONORS = [
    ("جایگاه سوخت آب_بر", "info.abbar-fuel"),
    ("فروشگاه لوازم خانگی نیک_اندیش", "sales.nikandish"),
    ("تعاونی مصرف فرهنگیان زنجان", "coop.farhangian"),
]
LATIN_DONORS = [
    "Sara Rahimi", "Daniel Weber", "Arash Karimi", "Lena Fischer", "Anna de Vries", "Erik Lindqvist",
    "Maryam Hosseini-Berg", "Jonas Becker", "Nima Ahmadi", "Sophie Müller", "Kaveh Moradi", "Pieter Jansen",
    "Shirin Nazari", "Thomas Schneider", "Ingrid Svensson", "Babak Farahani", "Reza Tehrani", "Hannah Wagner",
    "Mehran Sadeghi", "Julia Hoffmann", "Ali Zanjani",
]
DOMAINS = ["example.org", "example.com", "example.net"]

donors: list[dict] = []
fa_donor_keys: list[str] = []
biz_donor_keys: list[str] = []
latin_donor_keys: list[str] = []


def _add_donor(name: str, handle: str | None, with_email: bool) -> str:
    key = f"d{len(donors) + 1:03d}"
    email = f"{handle}@{rng.choice(DOMAINS)}" if (with_email and handle) else None
    donors.append({"key": key, "name": name, "email": email})
    return key


for name, handle in PERSIAN_DONORS:
    fa_donor_keys.append(_add_donor(name, handle, rng.random() < 0.5))
for name, handle in BUSINESS_DONORS:
    biz_donor_keys.append(_add_donor(name, handle, True))
for name in LATIN_DONORS:
    handle = name.lower().replace(" ", ".").replace("ü", "ue")
    latin_donor_keys.append(_add_donor(name, handle, rng.random() < 0.6))

# Zipf-like weights: a few regular benefactors, a long tail of occasional ones.
fa_weights = [1.0 / (i + 1) ** 0.7 for i in range(len(fa_donor_keys))]
rng.shuffle(fa_weights)
latin_weights = [1.0 / (i + 1) ** 0.6 for i in range(len(latin_donor_keys))]


def pick_fa_donor() -> str:
    if rng.random() < 0.06:  # Latin-script names also give in rials, rarely
        return rng.choice(latin_donor_keys[:3] + latin_donor_keys[8:9] + latin_donor_keys[-1:])
    return rng.choices(fa_donor_keys, fa_weights)[0]


def pick_eur_donor() -> str:
    return rng.choices(latin_donor_keys, latin_weights)[0]


# ---------------------------------------------------------------- helpers: days, amounts

def days_since(date_str: str) -> int:
    return (REF - dt.date.fromisoformat(date_str)).days


def window(p: dict) -> tuple[int, int]:
    hi = min(364, days_since(p["start_date"]))
    lo = max(1, days_since(p["end_date"])) if p["end_date"] else 1
    return lo, hi


def cold_season(d: int) -> bool:
    # Autumn 2025 (from 23 Sept) and winter 2024-25 (21 Dec - 20 Mar), counted back from REF.
    return d <= 72 or 256 <= d <= 347


def pick_day(p: dict) -> int:
    lo, hi = window(p)
    days = list(range(lo, hi + 1))
    if p["slug"] == "tarom-flood-relief":
        w = [math.exp(-(hi - d) / 12.0) + 0.02 for d in days]        # most gifts right after the flood
    elif p["category"] == "housing_heating":
        w = [6.0 if cold_season(d) else 0.6 for d in days]
    elif p["slug"] == "school-supplies-mahneshan":
        w = [3.0 if 60 <= d <= 110 else 1.0 for d in days]              # back to school, late Aug - Sept
    else:
        w = [1.4 if cold_season(d) else 1.0 for d in days]
    return rng.choices(days, w)[0]


NICE_IRR = [1, 2, 3, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 120, 150, 200, 250, 300, 400, 500, 750,
            1000, 1500, 2000]
NICE_IRR = [x * 1_000_000 for x in NICE_IRR]
NICE_EUR = [1000, 2000, 2500, 3000, 5000, 7500, 10000, 15000, 20000, 25000, 30000, 50000, 75000, 100000,
            150000, 200000]


def nice_near(x: float, nice: list[int]) -> int:
    return min(nice, key=lambda v: abs(math.log(v) - math.log(max(x, 1))))


def nice_floor(x: float, nice: list[int]) -> int | None:
    c = [v for v in nice if v <= x]
    return c[-1] if c else None


# ---------------------------------------------------------------- gifts

PROG = {p["slug"]: p for p in PROGRAMS}
for p in PROGRAMS:
    p.setdefault("currency", "IRR")
    p["county"] = CENTER_COUNTY[p["center"]]
NEED = {(p["slug"], n["key"]): n for p in PROGRAMS for n in p["needs"]}

gifts: list[dict] = []   # keys assigned at the end; temporary "_id" links installments to pledges


def donation(program: str, need: str | None, amount: int, day: int, donor: str | None, anonymous: bool,
             method: str, pledge_id: int | None = None) -> dict:
    g = {"type": "donation", "donor": donor, "anonymous": anonymous, "program": program, "need": need,
         "method": method, "amount": amount, "currency": PROG[program]["currency"], "days_ago": day}
    if pledge_id is not None:
        g["_pledge"] = pledge_id
    gifts.append(g)
    return g


def gift_party(currency: str) -> tuple[str | None, bool, str]:
    """donor, anonymous, method for a one-off money gift."""
    if currency == "EUR":
        return pick_eur_donor(), rng.random() < 0.12, rng.choices(["card", "bank_transfer"], [7, 3])[0]
    if rng.random() < 0.07:
        return None, True, "cash"                                        # walk-in, no name taken
    return pick_fa_donor(), rng.random() < 0.12, rng.choices(["card", "bank_transfer", "cash"], [5, 3, 2])[0]


# Money pledges: (program, need, amount per installment, frequency, installments, start_days_ago,
#                 anonymous, paid: "all" | "skip_last" | "none" | day for a one-time pledge)
PLEDGES = [
    ("orphan-sponsorship-zanjan", "monthly-sponsorship", 20_000_000, "monthly", None, 350, False, "all"),
    ("orphan-sponsorship-zanjan", "monthly-sponsorship", 20_000_000, "monthly", 12, 300, False, "all"),
    ("orphan-sponsorship-zanjan", "monthly-sponsorship", 40_000_000, "monthly", None, 210, False, "all"),
    ("orphan-sponsorship-zanjan", "monthly-sponsorship", 20_000_000, "monthly", None, 150, True, "all"),
    ("orphan-sponsorship-zanjan", None, 10_000_000, "monthly", None, 95, False, "all"),
    ("orphan-sponsorship-zanjan", "monthly-sponsorship", 20_000_000, "monthly", 6, 340, False, "all"),
    ("orphan-sponsorship-zanjan", "school-fees", 60_000_000, "quarterly", 4, 280, False, "all"),
    ("orphan-sponsorship-zanjan", "monthly-sponsorship", 240_000_000, "yearly", None, 200, False, "all"),
    ("job-coaches-zanjan", "coach-stipends", 50_000_000, "monthly", None, 330, False, "all"),
    ("job-coaches-zanjan", "coach-stipends", 30_000_000, "monthly", 12, 180, True, "all"),
    ("job-coaches-zanjan", "startup-capital", 150_000_000, "quarterly", None, 250, False, "all"),
    ("job-coaches-zanjan", None, 15_000_000, "monthly", None, 60, False, "all"),
    ("medical-costs-zanjan", "surgery", 500_000_000, "yearly", None, 320, False, "all"),
    ("medical-costs-zanjan", "medication", 200_000_000, "once", 1, 40, False, 35),
    ("medical-costs-zanjan", "surgery", 1_000_000_000, "once", 1, 5, False, "none"),
    ("diaspora-warm-homes-mahneshan", "roof-insulation", 2_500, "monthly", None, 320, False, "all"),
    ("diaspora-warm-homes-mahneshan", "windows", 5_000, "monthly", None, 270, False, "all"),
    ("diaspora-warm-homes-mahneshan", None, 10_000, "monthly", 12, 200, True, "all"),
    ("diaspora-warm-homes-mahneshan", "windows", 15_000, "quarterly", None, 300, False, "all"),
    ("diaspora-warm-homes-mahneshan", "local-labour", 200_000, "once", 1, 10, False, "none"),
    ("village-tutoring-tarom", "tutor-fees", 15_000_000, "monthly", None, 240, False, "all"),
    ("village-tutoring-tarom", "tutor-fees", 15_000_000, "monthly", 9, 90, False, "all"),
    ("village-tutoring-tarom", "tutor-fees", 45_000_000, "quarterly", None, 360, False, "all"),
    ("winter-heating-tarom", "fuel-fund", 300_000_000, "once", 1, 20, False, "none"),
    ("winter-heating-tarom", "fuel-fund", 100_000_000, "once", 1, 50, True, 42),
    ("winter-heating-tarom", "fuel-fund", 250_000_000, "yearly", None, 350, False, "all"),
    ("food-baskets-khodabandeh", "bulk-purchase", 40_000_000, "monthly", None, 300, False, "skip_last"),
    ("food-baskets-khodabandeh", "bulk-purchase", 40_000_000, "monthly", 6, 120, False, "all"),
    ("child-dental-khorramdarreh", "treatment", 30_000_000, "quarterly", None, 290, False, "all"),
    ("beekeeping-ijrud", "equipment", 350_000_000, "once", 1, 100, False, 90),
    ("carpet-weaving-qeydar", "wool", 120_000_000, "quarterly", 4, 330, False, "all"),
    ("dowry-essentials-abhar", "kitchen-sets", 300_000_000, "once", 1, 12, False, "none"),
    ("sewing-workshop-abhar", "trainer", 40_000_000, "monthly", 12, 200, False, "all"),
]
STEP = {"monthly": 365 / 12, "quarterly": 365 / 4, "yearly": 365}

for i, (prog, need, amount, freq, inst, start, anon, paid) in enumerate(PLEDGES):
    cur = PROG[prog]["currency"]
    donor = pick_eur_donor() if cur == "EUR" else pick_fa_donor()
    pledge = {"type": "pledge", "donor": donor, "anonymous": anon, "program": prog, "need": need,
              "amount": amount, "currency": cur, "frequency": freq,
              "installments": 1 if freq == "once" else inst, "start_days_ago": start, "_id": i}
    gifts.append(pledge)
    method = "card" if cur == "EUR" or rng.random() < 0.6 else "bank_transfer"
    if freq == "once":
        if isinstance(paid, int):
            donation(prog, need, amount, paid, donor, anon, method, pledge_id=i)
        continue
    days = []
    k = 0
    while True:
        d = start - round(k * STEP[freq])
        if d < 1 or (inst is not None and k >= inst):
            break
        days.append(d)
        k += 1
    if paid == "skip_last" and days:
        days = days[:-1]
    for d in days:
        donation(prog, need, amount, d, donor, anon, method, pledge_id=i)


def received_money(prog: str, need: str) -> int:
    return sum(g["amount"] for g in gifts if g["type"] == "donation" and g["program"] == prog and g["need"] == need)


# One-off donations, sized so each need ends near its planned fill ratio.
for p in PROGRAMS:
    cur = p["currency"]
    nice = NICE_EUR if cur == "EUR" else NICE_IRR
    for n in p["needs"]:
        if n["kind"] != "money" or n["_fill"] <= 0:
            continue
        goal = int(n["target"] * n["_fill"])
        have = received_money(p["slug"], n["key"])
        remaining = goal - have
        typical = max(remaining / max(n["_n"], 1), nice[0])
        while have < goal:
            amt = nice_near(typical * math.exp(rng.gauss(0, 0.7)), nice)
            cap = nice_floor(goal - have, nice)
            if cap is None:
                if n["_fill"] < 1.0:
                    break
                cap = nice[0]        # a fully met need ends with one small gift over the line
            amt = min(amt, cap)
            donor, anon, method = gift_party(cur)
            donation(p["slug"], n["key"], amt, pick_day(p), donor, anon, method)
            have += amt

# Program-level gifts (no specific need).
PROGRAM_LEVEL = {
    "job-coaches-zanjan": 3, "medical-costs-zanjan": 4, "orphan-sponsorship-zanjan": 5,
    "winter-heating-tarom": 6, "diaspora-warm-homes-mahneshan": 4, "food-baskets-khodabandeh": 4,
    "ramadan-food-zanjan": 3, "tarom-flood-relief": 4, "village-tutoring-tarom": 2,
    "carpet-weaving-qeydar": 2, "dowry-essentials-abhar": 2, "child-dental-khorramdarreh": 1,
}
for slug, count in PROGRAM_LEVEL.items():
    p = PROG[slug]
    nice = NICE_EUR if p["currency"] == "EUR" else NICE_IRR
    base = 5_000 if p["currency"] == "EUR" else 20_000_000
    for _ in range(count):
        amt = nice_near(base * math.exp(rng.gauss(0, 1.0)), nice)
        donor, anon, method = gift_party(p["currency"])
        donation(slug, None, amt, pick_day(p), donor, anon, method)

# In-kind pledges and goods received.
INKIND_DONORS = {
    "heating-oil": [biz_donor_keys[0]], "refrigerators": [biz_donor_keys[1]], "cookers": [biz_donor_keys[1]],
    "food-baskets": [biz_donor_keys[2]], "rice": [biz_donor_keys[2]], "ramadan-baskets": [biz_donor_keys[2]],
}


def inkind_donor(need_key: str) -> str:
    if need_key in INKIND_DONORS and rng.random() < 0.7:
        return rng.choice(INKIND_DONORS[need_key])
    return pick_fa_donor() if rng.random() > 0.1 else rng.choice(latin_donor_keys[:3])


for p in PROGRAMS:
    lo, hi = window(p)
    for n in p["needs"]:
        if n["kind"] != "in_kind":
            continue
        for q in n["_recv"]:
            # goods arrive early enough that some can be handed on inside the program window
            day = pick_day(p)
            if p["status"] == "completed":
                day = max(day, lo + (hi - lo) // 3)
            if n["_recv_days"]:                       # e.g. seedlings only once the greenhouse stands
                day = rng.randint(*n["_recv_days"])
            gifts.append({"type": "in_kind_received", "donor": inkind_donor(n["key"]), "anonymous": False,
                          "program": p["slug"], "need": n["key"], "quantity": q, "days_ago": day})
        if n["_pledge"]:
            q, due = n["_pledge"]
            start = rng.randint(max(due, 0) + 5, max(due, 0) + 40) if due < 0 else rng.randint(3, 35)
            start = min(start, hi)
            gifts.append({"type": "in_kind_pledge", "donor": inkind_donor(n["key"]), "anonymous": False,
                          "program": p["slug"], "need": n["key"], "quantity": q, "due_in_days": due,
                          "start_days_ago": start})


# Make sure every donor appears at least once: give unused donors one small gift each.
used = {g["donor"] for g in gifts}
for d in donors:
    if d["key"] in used:
        continue
    if d["key"] in latin_donor_keys:
        p = PROG["diaspora-warm-homes-mahneshan"]
        amt = rng.choice([2_500, 5_000, 10_000])
    else:
        p = rng.choice([PROG[s] for s in ("orphan-sponsorship-zanjan", "winter-heating-tarom",
                                           "food-baskets-khodabandeh", "medical-costs-zanjan")])
        amt = rng.choice([5_000_000, 10_000_000, 20_000_000])
    method = "card" if p["currency"] == "EUR" else rng.choice(["card", "bank_transfer", "cash"])
    donation(p["slug"], None, amt, pick_day(p), d["key"], False, method)


# ---------------------------------------------------------------- deliveries

deliveries: list[dict] = []


def need_receipts(prog: str, need: str) -> list[tuple[int, int]]:
    out = []
    for g in gifts:
        if g["program"] != prog or g["need"] != need:
            continue
        if g["type"] == "donation":
            out.append((g["days_ago"], g["amount"]))
        elif g["type"] == "in_kind_received":
            out.append((g["days_ago"], g["quantity"]))
    return out


def available_before(receipts, day: int) -> int:
    """Received strictly before `day` (days_ago larger than `day`)."""
    return sum(v for d, v in receipts if d > day)


for p in PROGRAMS:
    lo, hi = window(p)
    completed = p["status"] == "completed"
    for n in p["needs"]:
        rec = need_receipts(p["slug"], n["key"])
        if not rec:
            continue
        days_sorted = sorted({d for d, _ in rec}, reverse=True)     # oldest first
        if n["kind"] == "money":
            k = len(n["_spend"])
            spent = 0
            for j, text in enumerate(n["_spend"]):
                if completed:
                    # spend in steps across the program's second half, the last on its final days
                    day = lo if j == k - 1 else max(lo + 1, min(days_sorted[len(days_sorted) // 2] - 3, hi))
                    frac = 0.97 if j == k - 1 else 0.6
                else:
                    newest = days_sorted[-1]
                    oldest_half = days_sorted[len(days_sorted) // 2]
                    day = rng.randint(max(1, newest - 2), max(newest, oldest_half - 1)) if j == k - 1 \
                        else max(2, oldest_half - 2)
                    day = max(day, 1)
                    frac = 0.55 if j == 0 else 0.5
                avail = available_before(rec, day) - spent
                if avail <= 0:
                    continue
                step = 100 if p["currency"] == "EUR" else 100_000
                amt = int(avail * frac * rng.uniform(0.93, 1.0)) // step * step
                if j == k - 1 and completed:
                    amt = int(avail * rng.uniform(0.9, 1.0)) // step * step
                if amt <= 0:
                    continue
                spent += amt
                deliveries.append({"type": "disbursement", "program": p["slug"], "need": n["key"], "amount": amt,
                                   "currency": p["currency"], "days_ago": day, "description": text})
        else:
            handed = 0
            for j, (q, b) in enumerate(n["_deliver"]):
                # first day on which enough has been received
                target_cum = handed + q
                day = None
                for d in days_sorted:
                    if available_before(rec, d - 1) >= target_cum:
                        day = d - 1
                        break
                assert day is not None and day >= 1, (p["slug"], n["key"])
                # leave a few days for packing and transport
                day = max(1, day - rng.randint(3, 12)) if day > 13 else day
                if completed:
                    day = max(day, lo)
                if j > 0:
                    prev = deliveries[-1]["days_ago"]
                    day = min(day, prev - 7)
                handed += q
                fa_t, en_t = n["_dtext"]
                deliveries.append({"type": "in_kind_delivered", "program": p["slug"], "need": n["key"],
                                   "quantity": q, "beneficiaries": b, "days_ago": day,
                                   "description": L(fa_t.format(q=fa_num(q), b=fa_num(b)),
                                                    en_t.format(q=en_num(q), b=en_num(b)))})


# ---------------------------------------------------------------- keys, order, output

ORDER = {"pledge": 0, "in_kind_pledge": 1, "donation": 2, "in_kind_received": 3}


def when(g):
    return g.get("days_ago", g.get("start_days_ago"))


gifts.sort(key=lambda g: (-when(g), ORDER[g["type"]], g["program"], g.get("need") or ""))
counters = {"g": 0, "p": 0, "k": 0, "r": 0}
prefix = {"donation": "g", "pledge": "p", "in_kind_pledge": "k", "in_kind_received": "r"}
pledge_keys = {}
for g in gifts:
    pre = prefix[g["type"]]
    counters[pre] += 1
    g["key"] = f"{pre}{counters[pre]:04d}"
    if g["type"] == "pledge":
        pledge_keys[g["_id"]] = g["key"]

FIELDS = {
    "donation": ["key", "type", "donor", "anonymous", "program", "need", "pledge", "method", "amount", "currency",
                 "days_ago"],
    "pledge": ["key", "type", "donor", "anonymous", "program", "need", "amount", "currency", "frequency",
               "installments", "start_days_ago"],
    "in_kind_pledge": ["key", "type", "donor", "anonymous", "program", "need", "quantity", "due_in_days",
                       "start_days_ago"],
    "in_kind_received": ["key", "type", "donor", "anonymous", "program", "need", "quantity", "days_ago"],
    "disbursement": ["key", "type", "program", "need", "amount", "currency", "days_ago", "description"],
    "in_kind_delivered": ["key", "type", "program", "need", "quantity", "beneficiaries", "days_ago", "description"],
}
out_gifts = []
for g in gifts:
    if "_pledge" in g:
        g["pledge"] = pledge_keys[g["_pledge"]]
    out_gifts.append({f: g[f] for f in FIELDS[g["type"]] if f in g})

deliveries.sort(key=lambda d: (-d["days_ago"], d["type"], d["program"], d["need"]))
cs = ct = 0
out_deliveries = []
for d in deliveries:
    if d["type"] == "disbursement":
        cs += 1
        d["key"] = f"s{cs:03d}"
    else:
        ct += 1
        d["key"] = f"t{ct:03d}"
    out_deliveries.append({f: d[f] for f in FIELDS[d["type"]]})

NEED_FIELDS = {
    "money": ["key", "kind", "title", "currency", "target"],
    "in_kind": ["key", "kind", "title", "unit", "target_quantity", "unit_value"],
}
out_programs = []
for p in PROGRAMS:
    needs = []
    for n in p["needs"]:
        n = dict(n, currency=p["currency"])
        if n["kind"] == "in_kind" and p["currency"] != "IRR":
            n["unit_value"] = None
        needs.append({f: n[f] for f in NEED_FIELDS[n["kind"]]})
    out_programs.append({
        "slug": p["slug"], "center": p["center"], "county": p["county"], "category": p["category"],
        "status": p["status"], "start_date": p["start_date"], "end_date": p["end_date"], "featured": p["featured"],
        "title": p["title"], "summary": p["summary"], "description": p["description"], "needs": needs,
    })

data = {
    "province": "zanjan",
    "as_of": "2025-12-03",
    "centers": [{f: c[f] for f in ["slug", "county", "name", "description", "address", "time_zone"]}
                for c in CENTERS],
    "programs": out_programs,
    "donors": donors,
    "gifts": out_gifts,
    "deliveries": out_deliveries,
}


def zwnj(obj):
    """Replace the "_" placeholder with U+200C in every Persian string (and donor names)."""
    if isinstance(obj, dict):
        return {k: (v.replace("_", ZWNJ) if k == "fa" and isinstance(v, str) else zwnj(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [zwnj(v) for v in obj]
    return obj


data = zwnj(data)
for d in data["donors"]:
    d["name"] = d["name"].replace("_", ZWNJ)

OUT.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {OUT}: {len(data['centers'])} centers, {len(data['programs'])} programs, "
      f"{len(data['donors'])} donors, {len(data['gifts'])} gifts, {len(data['deliveries'])} deliveries")
