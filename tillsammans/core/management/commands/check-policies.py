from django.core.management.base import BaseCommand, CommandError

from tillsammans.core.walker import all_routes


class Command(BaseCommand):
    help = "List every route with its access policy; fail if one has none."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="List every route, not only bad.")

    def handle(self, *args, **options):
        routes = all_routes()
        bad = [r for r in routes if r.problem]
        for route in routes if options["all"] else bad:
            self.stdout.write(f"{route.kind:4} {route.route:60} {route.policy or '-':35} "
                              f"{route.problem or ''}")
        if bad:
            raise CommandError(f"{len(bad)} route(s) without a valid policy.")
        self.stdout.write(self.style.SUCCESS(f"All {len(routes)} routes declare a policy."))
