from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("<int:article_id>/form-token", views.form_token, name="form_token"),
    path("<int:comment_id>/report/", views.report_comment, name="report"),
    path("privacy/", views.privacy, name="privacy"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
