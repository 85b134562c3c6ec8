"""How another page asks the Training page for something (``Page.open_item_requested``):
("training", ``STORY_FROM``, a compliment's id) makes a story of the compliment."""

STORY_FROM = "story from"
