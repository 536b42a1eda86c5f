"""Use cases: the only layer that combines extraction, store, feeds, scheduler and notify.

Each function takes plain values (settings, paths, ``now``) and returns plain values;
rendering is the CLI's job.
"""
