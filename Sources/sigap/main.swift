import SigapApp
print("x")
