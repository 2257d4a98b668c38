"""The OLAP contact report: facts read from the database and the pivot built over them."""
