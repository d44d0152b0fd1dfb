"""Starts moto's server in this process.

Run by MotoServer.java as `python3 moto_launcher.py -H 127.0.0.1 -p PORT`; the arguments are
moto_server's own. Going through this file rather than the moto_server script lets the project
patch moto before it serves (see the local stack) and fail with one clear line when moto is missing.
"""
import sys

try:
    import moto
    from moto.server import main
except ImportError:
    sys.stderr.write("moto is not installed for %s: run  pip install 'moto[server]==5.2.1'\n" % sys.executable)
    sys.exit(3)

if __name__ == "__main__":
    sys.stderr.write("moto %s on python %s\n" % (moto.__version__, sys.version.split()[0]))
    main(sys.argv[1:])
