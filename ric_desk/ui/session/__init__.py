"""The calling session screen: the queue, the call with its script, closing a work."""
