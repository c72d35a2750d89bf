from hkprobono.cli import main

main()
