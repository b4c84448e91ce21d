"""The e-conference room (職員電子会議室): boards, threads, replies, moderation."""
