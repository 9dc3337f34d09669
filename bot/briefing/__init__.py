"""Domain services over the store: pure Python, no `telegram` import.

Services take a session and explicit arguments (`lang`, `today`, `now`) and
return small frozen dataclasses that the render layer turns into messages.
"""
