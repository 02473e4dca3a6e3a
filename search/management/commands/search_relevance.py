"""``dvcq search-relevance``: the share of the relevance set's queries whose expected result
is in the top 3, for a demo user (after ``dvcq load-demo``)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from search import relevance


class Command(BaseCommand):
    help = "Chấm điểm tìm kiếm theo bộ truy vấn mẫu (kết quả mong đợi nằm trong 3 kết quả đầu)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(relevance.DEMO_SET))
        parser.add_argument("--user", default="vanphong")
        parser.add_argument(
            "--min", type=float, default=0.0, help="Lỗi nếu tỉ lệ đạt thấp hơn (0..1)."
        )

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["user"]).select_related("unit").first()
        if user is None:
            raise CommandError(f"Không có tài khoản {options['user']} (chạy dvcq load-demo).")
        outcomes = relevance.score(user, relevance.load(options["file"]))
        for outcome in outcomes:
            if not outcome.hit:
                self.stdout.write(
                    f"TRƯỢT «{outcome.query}» – mong đợi {outcome.expected} "
                    f"(hạng {outcome.rank or '–'}); đầu danh sách: {outcome.top}"
                )
        hits = sum(o.hit for o in outcomes)
        figure = relevance.share(outcomes)
        self.stdout.write(
            f"{hits}/{len(outcomes)} truy vấn ({figure:.0%}) có kết quả mong đợi "
            f"trong {relevance.TOP} kết quả đầu."
        )
        if figure < options["min"]:
            raise CommandError(f"Dưới ngưỡng {options['min']:.0%}.")
