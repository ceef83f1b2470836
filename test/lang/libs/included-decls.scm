(export twice included-name)
