"""The report's charts as PNG (matplotlib, Agg backend), drawn from the section data only, so
the same snapshot always gives the same bytes: tasks by quarter, tasks by status, petitions
by type and month. Legends sit in their own row above the plot (``_legend_above``): inside
the axes, matplotlib's "best" place still covered the tallest bars."""

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 110
COLORS = ["#2e7d32", "#1565c0", "#c62828", "#9e9e9e", "#f9a825", "#6a1b9a"]


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _figure(title: str) -> tuple[Figure, object]:
    fig = Figure(figsize=(6.4, 3.2))
    FigureCanvasAgg(fig)  # the Agg backend, without pyplot's global state
    axes = fig.add_subplot()
    axes.set_title(title, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return fig, axes


def _legend_above(fig: Figure, axes, columns: int) -> None:
    """The legend in its own row between the title and the plot, never over the bars."""
    axes.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=columns,
        fontsize=9,
        frameon=False,
        borderaxespad=0.2,
    )
    axes.set_title(axes.get_title(), fontsize=11, pad=26)
    fig.tight_layout()


def quarter_figure(quarters: list[dict], title: str) -> Figure:
    fig, axes = _figure(title)
    labels = [q["label"] for q in quarters]
    positions = range(len(labels))
    axes.bar(
        [p - 0.2 for p in positions],
        [q["total"] for q in quarters],
        0.4,
        label="Tổng số",
        color=COLORS[3],
    )
    axes.bar(
        [p + 0.2 for p in positions],
        [q["finished"] for q in quarters],
        0.4,
        label="Hoàn thành",
        color=COLORS[0],
    )
    axes.set_xticks(list(positions), labels)
    axes.yaxis.get_major_locator().set_params(integer=True)
    _legend_above(fig, axes, 2)
    return fig


def quarter_progress(quarters: list[dict], title: str) -> bytes:
    return _png(quarter_figure(quarters, title))


def status_bars(statuses: list[dict], title: str) -> bytes:
    fig, axes = _figure(title)
    labels = [s["label"] for s in statuses]
    values = [s["value"] for s in statuses]
    axes.barh(labels[::-1], values[::-1], color=COLORS[: len(values)][::-1])
    for y, value in enumerate(values[::-1]):
        axes.text(value, y, f" {value}", va="center", fontsize=9)
    axes.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return _png(fig)


def petitions_figure(chart: dict, title: str) -> Figure:
    fig, axes = _figure(title)
    positions = list(range(len(chart["months"])))
    bottom = [0] * len(positions)
    for color, series in zip(COLORS, chart["series"], strict=False):
        axes.bar(positions, series["counts"], bottom=bottom, label=series["label"], color=color)
        bottom = [b + c for b, c in zip(bottom, series["counts"], strict=True)]
    axes.set_xticks(positions, chart["months"])
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(axis="x", labelsize=8, rotation=45)
    _legend_above(fig, axes, min(4, len(chart["series"])))
    return fig


def petitions_by_month(chart: dict, title: str) -> bytes:
    return _png(petitions_figure(chart, title))


def charts_of(content: dict) -> list[tuple[str, str, bytes]]:
    """(section key, caption, PNG) for every chart the report's data allows."""
    found = []
    for section in content["sections"]:
        chart = section.get("chart")
        if not chart:
            continue
        if section["key"] == "tasks":
            title = "Tiến độ nhiệm vụ theo quý"
            found.append(("tasks", title, quarter_progress(chart["quarters"], title)))
            title = "Nhiệm vụ theo trạng thái"
            found.append(("tasks", title, status_bars(chart["statuses"], title)))
        elif section["key"] == "citizens" and chart.get("months"):
            title = "Đơn thư theo loại và tháng"
            found.append(("citizens", title, petitions_by_month(chart, title)))
    return found
