"""takedown"""
