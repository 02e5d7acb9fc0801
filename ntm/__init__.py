"""ntm: plans of Vietnam's New Rural Development programme as checkable data.

The package root only carries the version; everything else lives in one module
per concept (see README.md, "Layout").
"""

__version__ = "0.1.0"
