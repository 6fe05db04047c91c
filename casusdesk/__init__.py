"""casusdesk: offline werkbank voor casuïstiekbesprekingen en intervisie."""

__version__ = "0.1.0"
