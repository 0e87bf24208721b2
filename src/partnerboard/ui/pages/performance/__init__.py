"""The performance dataset's pages: the scorecard (the board's view) and the indicators
(definitions and figures). Their widgets live in the modules beside them."""
