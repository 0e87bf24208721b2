"""Practice reviews: `reviews_page`, with its side `panels` and `dialogs`."""
