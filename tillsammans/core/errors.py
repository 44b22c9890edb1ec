from django.shortcuts import render

from tillsammans.core.access import PUBLIC, policy


@policy(PUBLIC)
def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


@policy(PUBLIC)
def not_found(request, exception=None):
    return render(request, "404.html", status=404)
