"""command_line"""
