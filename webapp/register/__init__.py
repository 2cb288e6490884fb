"""The public register served by the app, without signing in: the same pages and files as
`grantledger publish register` writes."""
