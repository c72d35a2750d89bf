from hkprobono.entry import main

main()
