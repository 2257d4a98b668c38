"""ric_desk: the remote-service workstation of a regional information centre."""

__version__ = "0.1.0"
