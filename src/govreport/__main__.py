from govreport.cli import main

main()
