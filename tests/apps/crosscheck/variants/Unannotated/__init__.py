def main(msg, out):
    out.set(msg.get_body())
