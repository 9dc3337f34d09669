"""All tables; importing this package registers them on SQLModel.metadata."""
from storage.models.admin import AuditEntry, Draft, Maintainer
from storage.models.articles import Article, ArticleLshBand, ArticleSighting, ArticleTopic, Feed
from storage.models.chat_admins import ChatAdmin
from storage.models.chats import Chat, Delivery, DeliveryPayload, Schedule, Subscription
from storage.models.digest_pages import DigestPage
from storage.models.dossier import Event, EventSource, EventTopic, Source, Topic, TopicSource
from storage.models.updates import ProcessedUpdate

__all__ = [
    "Article", "ArticleLshBand", "ArticleSighting", "ArticleTopic", "AuditEntry", "Chat", "ChatAdmin", "Delivery",
    "DeliveryPayload", "DigestPage", "Draft", "Event",
    "EventSource", "EventTopic", "Feed", "Maintainer", "ProcessedUpdate", "Schedule", "Source", "Subscription",
    "Topic", "TopicSource",
]
