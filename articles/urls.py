from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("preview/<int:pk>/", views.StaffPreviewView.as_view(), name="preview"),
    path("preview/shared/<str:token>/", views.SharedPreviewView.as_view(), name="shared_preview"),
]
