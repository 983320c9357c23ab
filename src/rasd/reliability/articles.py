"""Arabic articles written for the trials (no outlet's text), and small page builders around them."""
from __future__ import annotations

from html import escape

TITLE = "قوات سوريا الديمقراطية تعلن السيطرة على قرية في ريف الحسكة"
PARAGRAPHS = (
    "أعلنت قوات سوريا الديمقراطية (قسد) يوم الثلاثاء سيطرتها على قرية تل تمر في ريف الحسكة الشمالي "
    "بعد اشتباكات مع عناصر تنظيم الدولة الإسلامية استمرت ثلاث ساعات.",
    "وقال مصدر محلي إن خمسة مدنيين قتلوا وأصيب عشرة آخرون جراء قصف مدفعي استهدف أطراف القرية، "
    "فيما نزحت عشرات العائلات نحو مدينة القامشلي.",
    "وأضاف المصدر أن قسد نشرت حواجز على الطريق الدولي الذي يربط الحسكة بمدينة حلب.",
)
ARTICLE = TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"

CONTROL_TITLE = "احتجاجات في مدينة السويداء للمطالبة بتحسين الأوضاع المعيشية"
CONTROL_PARAGRAPHS = (
    "تظاهر مئات من أهالي مدينة السويداء يوم الجمعة في ساحة الكرامة وسط المدينة، مطالبين بتحسين "
    "الأوضاع المعيشية والإفراج عن المعتقلين.",
    "ورفع المحتجون لافتات تندد بارتفاع الأسعار وانقطاع الكهرباء، فيما انتشرت دوريات للشرطة في محيط الساحة "
    "دون أن تسجل أي مواجهات.",
)
CONTROL = CONTROL_TITLE + "\n\n" + "\n\n".join(CONTROL_PARAGRAPHS) + "\n"


def article_text(n: int) -> str:
    """The n-th distinct variant of ARTICLE (a numbered title), for corpora of many documents."""
    return f"{TITLE} ({n})\n\n" + "\n\n".join(PARAGRAPHS) + f"\n\nرقم التقرير {n}.\n"


def html_page(body_html: str, title: str = TITLE, head_extra: str = "") -> str:
    return (f"<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title>{head_extra}</head><body>{body_html}</body></html>")


def article_html(title: str = TITLE, paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    ps = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return html_page(f"<article><h1>{escape(title)}</h1>{ps}</article>", title)
