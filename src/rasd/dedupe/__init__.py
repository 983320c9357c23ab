"""Duplicates: near-duplicate articles (MinHash/LSH) and the same happening told by several articles."""
from .articles import NearDuplicateIndex, fingerprint
from .events import EventKey, MergeCluster, MergeEdge, cluster_events, same_happening

__all__ = ["NearDuplicateIndex", "fingerprint", "EventKey", "MergeCluster", "MergeEdge", "cluster_events",
           "same_happening"]
