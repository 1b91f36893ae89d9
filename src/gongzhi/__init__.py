"""gongzhi (共治): carry out a district government's policy documents."""
