print("tokenburner")
