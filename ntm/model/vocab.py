"""Vocabulary of the plan model that needs no Pydantic: qualifiers of stated
figures and the standards a unit can reach, with their order. Rules import
these without paying for the model classes."""

from __future__ import annotations

import enum


class Qualifier(str, enum.Enum):
    """How a stated figure is meant: exactly, about, at least ("trên", "ít nhất")…"""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    OVER = "over"
    AT_MOST = "at_most"
    UNDER = "under"


class Standard(str, enum.Enum):
    """Standards a unit can be recognised at (xã, thôn, huyện)."""

    XA_NTM = "xa_ntm"
    XA_NANG_CAO = "xa_nang_cao"
    XA_KIEU_MAU = "xa_kieu_mau"
    THON_NTM = "thon_ntm"
    THON_KIEU_MAU = "thon_kieu_mau"
    HUYEN_NTM = "huyen_ntm"
    HUYEN_NANG_CAO = "huyen_nang_cao"
    TINH_HOAN_THANH = "tinh_hoan_thanh"


STANDARD_ORDER = {
    Standard.XA_NTM: (Standard.XA_NTM, 1),
    Standard.XA_NANG_CAO: (Standard.XA_NTM, 2),
    Standard.XA_KIEU_MAU: (Standard.XA_NTM, 3),
    Standard.THON_NTM: (Standard.THON_NTM, 1),
    Standard.THON_KIEU_MAU: (Standard.THON_NTM, 2),
    Standard.HUYEN_NTM: (Standard.HUYEN_NTM, 1),
    Standard.HUYEN_NANG_CAO: (Standard.HUYEN_NTM, 2),
    Standard.TINH_HOAN_THANH: (Standard.TINH_HOAN_THANH, 1),
}
