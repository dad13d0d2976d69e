import azurefunctions.extensions.bindings.blob as blob


def main(client: blob.BlobClient):
    client.download_blob()
